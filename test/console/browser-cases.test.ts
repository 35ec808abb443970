/**
 * Finding work in a real browser (Chromium): an agent finds a case with the search box on every page
 * by serial number, by phone number and by a Chinese word of the conversation; opens the customer page
 * from the case and sees all their cases and products; the lists and a saved view; axe-core finds no
 * serious or critical problem on these pages. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openRecord, type RecordConnection } from '../../src/record/open.js';
import { Recorder } from '../../src/record/recorder.js';
import { seriousAxeViolations } from '../support/axe.js';
import {
  chromiumMissing,
  launchChromium,
  listen,
  pageProblems,
  signInToConsole,
} from '../support/chromium.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { type ConsoleHarness, consoleHarness } from './harness.js';

const ARTIFACTS = 'test-artifacts';

let h: ConsoleHarness;
let database: TestDatabase;
let record: RecordConnection;
let recorder: Recorder;
let browser: Browser;
let base: string;
let password: string;
const refs: string[] = [];

let n = 0;
async function say(from: string, text: string) {
  const result = await h.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `browser-cases-${n++}`,
    from,
    text,
    receivedAt: h.runtime.clock.now(),
    inline: true,
  });
  h.runtime.clock.advance(5 * 60_000);
  return result;
}

beforeAll(async () => {
  if (chromiumMissing) return;
  database = await freshDatabase();
  record = openRecord(
    { url: database.url, description: database.name },
    { logger: silentLogger, poolSize: 4 },
  );
  await record.ready;
  h = await consoleHarness({}, { record });
  recorder = new Recorder({
    redis: h.runtime.redis,
    keys: h.runtime.desk.inbox.keys,
    db: record.db,
    logger: silentLogger,
  });
  password = await h.addAccount('alice', 'agent', ['support']);
  // The printer customer: a case resolved on site, then a second one staff opened by writing to them.
  await say('+8613800138000', '我的打印机一直卡纸，序列号 CNB7REC123');
  refs.push((await say('+8613800138000', '转人工')).case!.ref);
  const bob = await h.addStaff('bob', 'agent', ['support']);
  expect((await bob.post('/api/staff/cases/next')).json().case.ref).toBe(refs[0]);
  h.runtime.clock.advance(30 * 60_000);
  const resolved = await bob.post(`/api/staff/cases/${refs[0]}/resolve`, {
    record: {
      faultReported: '打印机卡纸',
      faultFound: '搓纸轮磨损',
      cause: '正常磨损',
      actions: '更换搓纸轮',
      partsReplaced: [],
      engineer: '王工',
      arrivedAt: '2026-11-26T10:15:00+08:00',
      finishedAt: '2026-11-26T10:30:00+08:00',
      mode: 'onsite',
    },
  });
  expect(resolved.statusCode, resolved.body).toBe(200);
  const started = await bob.post('/api/staff/conversations', {
    channel: 'sms',
    to: '+8613800138000',
    text: '您好，关于您的另一台打印机，我们来电回访。',
  });
  expect(started.statusCode, started.body).toBe(202);
  refs.push(started.json().ref);
  await say('+8613800138000', '另一台打印机序列号 CNB7REC999 也卡纸');
  await say('+8613900139000', '笔记本电脑开不了机');
  refs.push((await say('+8613900139000', '人工')).case!.ref);
  await recorder.drain();
  base = await listen(h.app);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  if (chromiumMissing) return;
  await browser?.close();
  await recorder?.stop();
  await h?.close();
  await record?.close();
  await database?.drop();
});

async function search(page: Page, text: string): Promise<string[]> {
  const box = page.getByRole('searchbox', { name: 'Find a case' }).first();
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL(/\/console\/cases\?q=/);
  return page.locator('#case-list tbody tr td:first-child a').allTextContents();
}

async function expectAccessible(page: Page, name: string) {
  expect(await seriousAxeViolations(page), name).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}/console-${name}.png`, fullPage: true });
}

describe.skipIf(chromiumMissing)('finding work in the console', () => {
  it('finds a case by serial, phone and a Chinese word, then the customer with all their cases', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    try {
      await signInToConsole(page, base, 'alice', password);
      const [printer, callback, laptop] = refs as [string, string, string];

      expect(await search(page, 'cnb7rec123')).toEqual([printer]);
      await expectAccessible(page, 'search-serial');
      expect((await search(page, '138 0013 8000')).sort()).toEqual([printer, callback].sort());
      expect(await search(page, '开不了机')).toEqual([laptop]);
      await expect.poll(() => page.locator('#case-list tbody').textContent()).toContain('开不了机');
      expect(await search(page, '卡纸')).toContain(printer);

      // The case, then its customer: every case and product of theirs.
      await page.getByRole('link', { name: printer }).click();
      await page.waitForURL(`${base}/console/cases/${printer}`);
      await page.locator('#customer-page').click();
      await page.waitForURL(/\/console\/customers\/[0-9a-f]{16}$/);
      await expect.poll(() => page.locator('h1').textContent()).toContain('+86 138 0013 8000');
      const caseRefs = await page.locator('#customer-case-list tbody tr td:first-child a').allTextContents();
      expect(caseRefs.sort()).toEqual([printer, callback].sort());
      await expect
        .poll(() => page.locator('#customer-case-list').textContent())
        .toContain('repaired on site');
      const products = await page.locator('#customer-products').textContent();
      expect(products).toContain('CNB7REC123');
      await expectAccessible(page, 'customer');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists my teams’ open cases with counts, saves a view, and speaks Chinese', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    try {
      await signInToConsole(page, base, 'alice', password, 'zh');
      await page.getByRole('link', { name: '工单', exact: true }).click();
      await page.getByRole('link', { name: /我所在组的未结工单/ }).click();
      await expect.poll(() => page.locator('#case-list caption').textContent()).toMatch(/^\d+ 个工单$/);
      const listed = await page.locator('#case-list tbody tr td:first-child a').allTextContents();
      expect(listed).toContain(refs[2]);
      expect(listed).not.toContain(refs[0]);
      await page.getByLabel('产品类别').fill('printer');
      await page.getByRole('button', { name: '应用' }).click();
      await page.getByLabel('将此视图保存为').fill('打印机');
      await page.getByRole('button', { name: '保存视图' }).click();
      await page.waitForURL(/product=printer/);
      await page.getByRole('link', { name: '打印机', exact: true }).waitFor();
      await expectAccessible(page, 'case-lists');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
