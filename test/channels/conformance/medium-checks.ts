/**
 * The medium profile's promises (src/port/medium.ts), checked on what the customer really receives:
 * choices as buttons, written out as numbered answers or read out as keys to press; a spoken prompt
 * without markup; an SMS within its segment budget. Each check is generated from the profile the
 * channel declares.
 */
import { expect, it } from 'vitest';
import { keypadChoices, numberedChoices } from '../../../src/engine/render.js';
import type { MediumProfile } from '../../../src/port/medium.js';
import { countSmsSegments } from '../../../src/port/sms-segments.js';
import { waitFor } from '../../support/wait.js';
import type { ConformanceDriver, ConformanceSession, Received } from './driver.js';
import { type SessionOf, sendThroughOutbox, transcriptOf } from './session.js';

/** Tags, entities, emphasis, links and headings: what a voice would read out or stumble on. */
const MARKUP = /<[^>]*>|&[a-z]+;|&#\d+;|\*\*|__|`|\[[^\]]*\]\([^)]*\)|^#{1,6}\s/m;

/** The greeting asks what the customer needs, with choices; what the bot asked and what arrived. */
async function choiceQuestion(
  s: ConformanceSession,
): Promise<{ question: { text: string; choices: string[] }; message: Received }> {
  const address = s.newAddress();
  const inline = await s.inbound(address, 'hello', s.newProviderId());
  const asked = (await transcriptOf(s, address)).findLast(
    (entry) => entry.kind === 'out' && Array.isArray(entry.meta?.choices),
  );
  if (!asked) throw new Error('the greeting asked no question with choices');
  const question = { text: asked.text, choices: asked.meta!.choices as string[] };
  const find = (messages: Received[]) => messages.find((message) => message.text.includes(question.text));
  const message = s.adapter.sender
    ? await waitFor(async () => find(await s.received(address, 1)), 10_000, 'the question delivered')
    : find(inline);
  if (!message) throw new Error(`the question "${question.text}" was not among the replies`);
  return { question, message };
}

const CHOICE_CHECKS: Record<MediumProfile['choices'], string> = {
  buttons: 'choices arrive as buttons',
  numbered: 'choices arrive written out as numbered answers ("Reply 1 for …")',
  keypad: 'choices are read out as keys to press ("For …, press 1")',
};

function choiceChecks(driver: ConformanceDriver, session: SessionOf): void {
  const style = driver.medium.choices;
  it(`keeps its medium's promise: ${CHOICE_CHECKS[style]}`, async () => {
    const { question, message } = await choiceQuestion(session());
    const { choices } = question;
    const written = (render: typeof numberedChoices) =>
      (['zh', 'en'] as const).some((lang) => message.text.includes(render(choices, lang)));
    if (style === 'buttons') {
      expect(message.buttons).toEqual(choices);
      expect(written(numberedChoices) || written(keypadChoices)).toBe(false);
    } else {
      expect(message.buttons).toEqual([]);
      expect(written(style === 'keypad' ? keypadChoices : numberedChoices)).toBe(true);
    }
  });
}

function spokenChecks(session: SessionOf): void {
  it("keeps its medium's promise: a spoken prompt has no markup, only words to say", async () => {
    const s = session();
    const address = s.newAddress();
    const spoken = [
      ...(await s.inbound(address, 'hello', s.newProviderId())),
      ...(await s.inbound(address, 'My printer keeps jamming', s.newProviderId())),
    ];
    expect(spoken.length).toBeGreaterThan(0);
    for (const line of spoken) {
      expect(line.text.trim()).not.toBe('');
      expect(line.text).not.toMatch(MARKUP);
    }
  });
}

const LONG_REPLIES = [
  '笔记本无法开机，请先检查电源适配器是否插好，指示灯是否亮起。'.repeat(12),
  'Check the adapter [the small box] and the cable {both ends}. Price: 5€ if it is out of warranty. '.repeat(
    8,
  ),
];

function segmentChecks(budget: number, session: SessionOf): void {
  it(`keeps its medium's promise: an SMS fits its budget of ${budget} segments, a longer reply arrives as several`, async () => {
    const s = session();
    for (const text of LONG_REPLIES) {
      expect(countSmsSegments(text).segments).toBeGreaterThan(budget);
      const address = s.newAddress();
      await sendThroughOutbox(s, address, text);
      const parts = await s.received(address, 2);
      await waitFor(
        async () => {
          const all = (await s.received(address, 0)).map((part) => part.text).join('');
          return all.replace(/\s+/g, '') === text.replace(/\s+/g, '') || undefined;
        },
        10_000,
        'every part of the reply',
      );
      expect(parts.length).toBeGreaterThanOrEqual(2);
      for (const part of await s.received(address, 0)) {
        expect(countSmsSegments(part.text).segments).toBeLessThanOrEqual(budget);
      }
    }
  });
}

export function mediumChecks(driver: ConformanceDriver, session: SessionOf): void {
  choiceChecks(driver, session);
  if (driver.medium.choices === 'keypad') spokenChecks(session);
  if (driver.medium.maxSegments) segmentChecks(driver.medium.maxSegments, session);
}
