/**
 * The console with a real channel, in real browsers (Debian's chromium): a customer writes in the
 * built-in web chat page, served by the same app over real HTTP; the case arrives live in the staff
 * member's queue; they take it and resolve it with a maintenance record (two parts, added with the
 * form's "Add a part"); the customer receives the record in the chat and confirms it there; the case
 * page shows the confirmation. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePlugin } from '../../src/console/plugin.js';
import { createStaffAccounts } from '../../src/staff/accounts.js';
import { type ChatHarness, createChatHarness } from '../channels/botframework/support/harness.js';
import { chromiumMissing, launchChromium, signInToConsole } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';

const ARTIFACTS = 'test-artifacts';
const SEEN_MS = 20_000;

let h: ChatHarness;
let browser: Browser;
let password: string;

beforeAll(async () => {
  if (chromiumMissing) return;
  h = await createChatHarness({
    plugins: (runtime) => [{ name: 'console', plugin: consolePlugin(runtime) }],
  });
  const accounts = createStaffAccounts(h.runtime.redis, h.runtime.config.REDIS_KEY_PREFIX, h.runtime.clock);
  password = (await accounts.add({ name: 'alice', role: 'agent', teams: ['support'] })).password;
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  if (chromiumMissing) return;
  await browser?.close();
  await h?.close();
});

/**
 * Script errors, console errors and failed requests. The web chat page names no icon, so the browser's
 * own /favicon.ico request is a 404 that no page asked for: that one alone is let through.
 */
function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico')
      problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

describe.skipIf(chromiumMissing)('a web chat customer and the console', () => {
  it('the case arrives live, is resolved with a record, and the customer’s confirmation shows', {
    timeout: 180_000,
  }, async () => {
    const staffContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 1000 },
    });
    const customerContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 480, height: 800 },
    });
    const staff = await staffContext.newPage();
    const customer = await customerContext.newPage();
    const staffProblems = watchErrors(staff);
    const customerProblems = watchErrors(customer);
    try {
      await signInToConsole(staff, h.url, 'alice', password);
      await staff.locator('.live-state', { hasText: 'Live' }).waitFor({ timeout: SEEN_MS });
      expect(await staff.locator('#queue').textContent()).toContain('Nothing waiting.');

      // The customer, in the web chat page the app serves.
      await customer.goto(`${h.url}/chat`);
      await customer.locator('#log li.bot').first().waitFor({ timeout: SEEN_MS });
      await customer.locator('#input').fill('打印机一直卡纸，转人工');
      await customer.locator('#send').click();

      const link = staff.locator('#queue a[href^="/console/cases/"]');
      await link.waitFor({ timeout: SEEN_MS });
      const ref = (await link.textContent())!.trim();
      expect(ref).toMatch(/^SR-\d{4}-\d{4}$/);
      expect((await h.caseOf(ref)).route.channel).toBe('chat');
      await staff.screenshot({ path: `${ARTIFACTS}/console-chat-arrived.png`, fullPage: true });

      await staff.getByRole('button', { name: 'Take next case' }).click();
      await staff.waitForURL(`${h.url}/console/cases/${ref}`);
      await staff.locator('#timeline', { hasText: '打印机一直卡纸' }).waitFor();
      expect(await staff.getByText('Reply in the customer’s channel: Chat').isVisible()).toBe(true);
      // The record, with a second part row added by the form's script (and a third added and removed).
      await staff.locator('details.full-record summary').click();
      await staff.getByLabel('Fault found').fill('搓纸轮磨损');
      await staff.getByLabel('Cause', { exact: true }).fill('正常磨损');
      await staff.getByLabel('Actions taken').fill('更换搓纸轮和分离垫');
      await staff.getByLabel('Finished at').fill('2026-11-26T09:40');
      const parts = staff.locator('[data-rows="parts"]');
      await parts.locator('input[name="part"]').first().fill('搓纸轮');
      await parts.getByRole('button', { name: 'Add a part' }).click();
      await parts.getByRole('button', { name: 'Add a part' }).click();
      expect(await parts.locator('[data-row]').count()).toBe(3);
      await parts.locator('[data-row]').nth(2).getByRole('button', { name: 'Remove' }).click();
      expect(await parts.locator('[data-row]').count()).toBe(2);
      const second = parts.locator('[data-row]').nth(1);
      await second.locator('input[name="part"]').fill('分离垫');
      await second.locator('select[name="coverage"]').selectOption('paid');
      await second.locator('input[name="amount"]').fill('35');
      await staff.screenshot({ path: `${ARTIFACTS}/console-record-form.png`, fullPage: true });
      await staff.getByRole('button', { name: 'Resolve with a maintenance record' }).click();
      await staff.locator('.status-line', { hasText: 'resolved' }).waitFor({ timeout: SEEN_MS });
      const resolved = await h.caseOf(ref);
      expect(resolved.status).toBe('resolved');
      expect(resolved.record?.partsReplaced).toEqual([
        { part: '搓纸轮', coverage: 'warranty' },
        { part: '分离垫', coverage: 'paid', amount: 35 },
      ]);

      // The customer reads the record in the chat and confirms it there.
      await customer.locator('#log li.bot', { hasText: '搓纸轮磨损' }).waitFor({ timeout: SEEN_MS });
      await customer.locator('#input').fill('确认');
      await customer.locator('#send').click();
      await waitFor(
        async () => (await h.caseOf(ref)).record?.confirmation?.state === 'confirmed',
        SEEN_MS,
        'the confirmation on the case',
      );
      await customer.screenshot({ path: `${ARTIFACTS}/chat-record-confirmed.png`, fullPage: true });

      // The open case page shows the customer's answer live; the printable record, the confirmation.
      await staff.locator('#timeline li.in', { hasText: '确认' }).waitFor({ timeout: SEEN_MS });
      await staff.goto(`${h.url}/console/cases/${ref}/record`);
      const confirmation = staff.locator('table.record tr', { hasText: 'Customer confirmation' });
      expect(await confirmation.textContent()).toContain('confirmed');
      await staff.screenshot({ path: `${ARTIFACTS}/console-record-confirmed.png`, fullPage: true });
      expect(staffProblems).toEqual([]);
      expect(customerProblems).toEqual([]);
    } finally {
      await staffContext.close();
      await customerContext.close();
    }
  });
});
