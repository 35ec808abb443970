/** The Markdown reading the documentation test relies on: GitHub's anchors, links, and code left out. */
import { describe, expect, it } from 'vitest';
import { headingSlugs, markdownLinks, slugOf } from './markdown.js';

describe('GitHub heading anchors', () => {
  it.each([
    ['Phone and SMS (Twilio)', 'phone-and-sms-twilio'],
    ['Email (IMAP/SMTP)', 'email-imapsmtp'],
    ['Chat: the web chat and Bot Framework', 'chat-the-web-chat-and-bot-framework'],
    ['Global intents (`bot.yaml`)', 'global-intents-botyaml'],
    [
      'Appointments that move (`bot.yaml` → `appointment_change`)',
      'appointments-that-move-botyaml--appointment_change',
    ],
    ['Signing in from `npm start`', 'signing-in-from-npm-start'],
    [
      'Intents and examples: how the bot understands a first message',
      'intents-and-examples-how-the-bot-understands-a-first-message',
    ],
    ['What lives in Redis, and why', 'what-lives-in-redis-and-why'],
    ['三包 and the warranty decision', '三包-and-the-warranty-decision'],
    ['See [the settings](settings.md)', 'see-the-settings'],
  ])('%s → #%s', (heading, slug) => {
    expect(slugOf(heading)).toBe(slug);
  });

  it('numbers a repeated heading and ignores "#" lines in code blocks', () => {
    const page = [
      '# Title',
      '## Routes',
      '```yaml',
      '# not a heading',
      '```',
      '## Routes',
      '<a id="kept"></a>',
    ];
    expect([...headingSlugs(page.join('\n'))]).toEqual(['title', 'routes', 'routes-1', 'kept']);
  });
});

describe('links', () => {
  it('finds relative links with their line, and leaves web addresses and code alone', () => {
    const page = [
      'See [settings](settings.md#redis) and ![chat](images/chat.png "the chat").',
      'Not [this](https://example.com) nor [mail](mailto:a@b.c), nor `[code](nowhere.md)`.',
      '```',
      '[in a block](nowhere.md)',
      '```',
      'Back to [the top](#title) and <img src="images/console.png" alt="">.',
    ];
    expect(markdownLinks(page.join('\n'))).toEqual([
      { target: 'settings.md#redis', line: 1 },
      { target: 'images/chat.png', line: 1 },
      { target: '#title', line: 6 },
      { target: 'images/console.png', line: 6 },
    ]);
  });
});
