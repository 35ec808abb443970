/**
 * The console in a real browser (Debian's chromium, driven by playwright-core): sign in, see a case
 * arrive in the queue live after a customer message, see that the customer's `<script>` is shown and
 * not run, take the case, reply (the outbox sends it), and no CSP violation on the way. Screenshots of
 * the queue and case pages go to test-artifacts/ (ignored by git) for review.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  launchChromium,
  listen,
  pageProblems,
  signInToConsole,
} from '../support/chromium.js';
import { waitFor } from '../support/wait.js';
import { type ConsoleHarness, consoleHarness } from './harness.js';

const SEEN_MS = 20_000;
const ARTIFACTS = 'test-artifacts';

let h: ConsoleHarness;
let browser: Browser;
let base: string;
let password: string;
let supervisorPassword: string;

beforeAll(async () => {
  if (chromiumMissing) return;
  h = await consoleHarness();
  password = await h.addAccount('alice', 'agent', ['support']);
  supervisorPassword = await h.addAccount('sam', 'supervisor', ['supervisor']);
  h.startOutbox();
  base = await listen(h.app);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  if (chromiumMissing) return;
  await browser?.close();
  await h?.close();
});

describe.skipIf(chromiumMissing)('the staff console in a browser', () => {
  it('sign in, a case arrives live, take it, the customer’s script is text, reply', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    await page.addInitScript(() => {
      (globalThis as unknown as { pwned: boolean }).pwned = false;
    });
    try {
      await page.goto(`${base}/console`);
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await page.getByLabel('Name').fill('alice');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${base}/console`);
      await page.locator('.live-state', { hasText: 'Live' }).waitFor({ timeout: SEEN_MS });
      expect(await page.locator('#queue').textContent()).toContain('Nothing waiting.');

      const ref = await h.escalate('+8613800300001', '<script>window.pwned=true</script> 转人工');
      await page.locator(`#queue a[href="/console/cases/${ref}"]`).waitFor({ timeout: SEEN_MS });
      await page.screenshot({ path: `${ARTIFACTS}/console-queue.png`, fullPage: true });

      await page.getByRole('button', { name: 'Take next case' }).click();
      await page.waitForURL(`${base}/console/cases/${ref}`);
      await page.locator('#timeline', { hasText: '<script>window.pwned=true</script>' }).waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as { pwned: boolean }).pwned)).toBe(false);
      expect(await page.getByText('Reply in the customer’s channel: SMS').isVisible()).toBe(true);

      const replyBox = page.getByLabel(/Reply in the customer’s channel/);
      // The count is the SMS sender's: a € costs two septets, so 80 fit one segment and 81 need two.
      await replyBox.fill('€'.repeat(80));
      expect(await page.locator('#sms-count').textContent()).toBe('1');
      await replyBox.fill('€'.repeat(81));
      expect(await page.locator('#sms-count').textContent()).toBe('2');
      await replyBox.fill('Hello, this is Alice.');
      expect(await page.locator('#sms-count').textContent()).toBe('1');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await waitFor(
        () => h.sent.find((m) => m.caseRef === ref && m.text === 'Hello, this is Alice.'),
        SEEN_MS,
        'the reply in the outbox',
      );
      await page.locator('#timeline', { hasText: 'Staff · alice' }).waitFor({ timeout: SEEN_MS });
      await page.screenshot({ path: `${ARTIFACTS}/console-case.png`, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a supervisor sees the KPI page and Bull Board, both under the strict CSP', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    try {
      await signInToConsole(page, base, 'sam', supervisorPassword, 'zh');
      await page.getByRole('link', { name: '绩效' }).click();
      await page.waitForURL(`${base}/console/kpis`);
      expect(await page.locator('h1').textContent()).toBe('绩效');
      await page.screenshot({ path: `${ARTIFACTS}/console-kpis.png`, fullPage: true });
      await page.goto(`${base}/console/queues`);
      await page.getByText('esc-support').first().waitFor({ timeout: SEEN_MS });
      await page.screenshot({ path: `${ARTIFACTS}/console-queues.png`, fullPage: true });
      // Bull Board links a web font from a CDN; the CSP refuses it on purpose (closed networks).
      expect(problems.filter((problem) => !problem.includes('fonts.googleapis.com'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
