/**
 * The web chat page in a real browser (Debian's chromium, driven by playwright-core): a customer types
 * a fault report, presses a choice button, sees the next question and a staff reply arrive without
 * reloading, then reloads and sees the whole conversation again. Waits are on what the page shows,
 * with generous timeouts for a loaded 2-core machine.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../../support/chromium.js';
import { waitFor } from '../../support/wait.js';
import { type ChatHarness, createChatHarness } from '../botframework/support/harness.js';

const SEEN_MS = 20_000;

/** Waits until the element's text contains (or matches) what is expected; returns the text. */
function shows(locator: Locator, expected: string | RegExp): Promise<string> {
  return waitFor(
    async () => {
      const text = (await locator.allInnerTexts()).join('\n');
      return (typeof expected === 'string' ? text.includes(expected) : expected.test(text))
        ? text
        : undefined;
    },
    SEEN_MS,
    `the page to show ${String(expected)}`,
  );
}

let h: ChatHarness;
let browser: Browser;

beforeAll(async () => {
  if (chromiumMissing) return;
  h = await createChatHarness();
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  if (chromiumMissing) return;
  await browser?.close();
  await h?.close();
});

describe.skipIf(chromiumMissing)('the web chat in a browser', () => {
  it('a fault report through a button, a live staff reply, and the history after a reload', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 760 } });
    const page = await context.newPage();
    try {
      await page.goto(`${h.url}/`);
      expect(new URL(page.url()).pathname).toBe('/chat');
      const log = page.locator('#log');
      await shows(log, 'Hello, this is the');
      expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);

      await page
        .getByLabel('Your message')
        .fill('My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago');
      await page.keyboard.press('Enter');
      await shows(log, 'Has the device been dropped, knocked or got wet?');
      await shows(page.locator('#case-bar'), /Case SR-\d{4}-\d{4}/);

      await page.locator('.choices button', { hasText: 'No' }).last().click();
      await shows(log, 'Has anyone other than our authorised service opened or repaired it?');
      await shows(log.locator('.msg.customer').last(), /No$/);

      const ref = /SR-\d{4}-\d{4}/.exec((await page.locator('#case-bar').textContent()) ?? '')![0];
      // Staff reply while the page stays open: it must arrive by itself.
      await page.getByLabel('Your message').fill('AGENT');
      await page.keyboard.press('Enter');
      await waitFor(
        async () => (await h.caseOf(ref)).status === 'escalated' || undefined,
        20_000,
        'the escalation',
      );
      await h.staffReply(ref, 'Hello, this is Alice from support.');
      await shows(log.locator('.msg.staff'), 'Hello, this is Alice from support.');

      const before = await log.locator('.msg').count();
      await page.reload();
      await shows(log.locator('.msg.staff'), 'Hello, this is Alice from support.');
      await waitFor(
        async () => (await log.locator('.msg').count()) === before || undefined,
        SEEN_MS,
        'the whole history',
      );
      await shows(log, 'My HP LaserJet keeps jamming');
      await shows(page.locator('#case-bar'), ref);
    } finally {
      await context.close();
    }
  });

  it('speaks Chinese to a Chinese browser', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${h.url}/chat`);
      await shows(page.locator('#log'), '您好，这里是');
      expect(await page.getByRole('button', { name: '发送' }).isVisible()).toBe(true);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(chromiumMissing)('sending while the app restarts', () => {
  it('keeps the text while the app is away, says it is reconnecting, and sends it once when back', {
    timeout: 90_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${h.url}/chat`);
      const log = page.locator('#log');
      await shows(log, 'Hello, this is the');
      // The app restarting: the first tries fail on the network, the next ones get 503.
      let tries = 0;
      const clientIds = new Set<string>();
      await page.route('**/messages', async (route) => {
        tries++;
        clientIds.add(JSON.parse(route.request().postData() ?? '{}').clientId);
        if (tries <= 2) return route.abort('connectionrefused');
        if (tries <= 3) return route.fulfill({ status: 503, body: '{}' });
        return route.continue();
      });
      const box = page.getByLabel('Your message');
      await box.fill('My laptop screen flickers, serial PF2ABC12');
      await page.keyboard.press('Enter');
      await shows(page.locator('#notice'), 'Reconnecting');
      expect(await box.inputValue()).toBe('My laptop screen flickers, serial PF2ABC12');
      await shows(log.locator('.msg.customer'), 'My laptop screen flickers');
      await waitFor(async () => (await box.inputValue()) === '' || undefined, SEEN_MS, 'the box cleared');
      expect(tries).toBeGreaterThanOrEqual(4);
      expect(clientIds.size).toBe(1);
      expect(await log.locator('.msg.customer').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('tries one send again for over 30 seconds, with backoff, before saying it failed', async () => {
    const { CHAT_SCRIPT } = await import('../../../channels/webchat/assets/chat-script.js');
    const delays = JSON.parse(/RETRY_DELAYS = (\[[^\]]+\])/.exec(CHAT_SCRIPT)![1]!) as number[];
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30_000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });
});
