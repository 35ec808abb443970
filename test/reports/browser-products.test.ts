/**
 * The product report in a real browser (Debian's chromium), over seeded record data: the tables,
 * the chart of faults by month drawn by uPlot under the strict CSP, the CSV link, both languages, no
 * serious or critical accessibility violation (axe-core), and no page for an agent.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.js';
import {
  chromiumMissing,
  launchChromium,
  listen,
  pageProblems,
  signInToConsole,
} from '../support/chromium.js';
import { type ReportHarness, reportHarness } from './harness.js';
import { CUSTOMER, faultCase, seedCases, seedProductHistory, seedReply } from './seed.js';

const ARTIFACTS = 'test-artifacts';
const PAGE = '/console/reports/products?from=2026-10-01&to=2026-11-30';

let h: ReportHarness;
let browser: Browser;
let base: string;
const passwords: Record<string, string> = {};

beforeAll(async () => {
  if (chromiumMissing) return;
  h = await reportHarness();
  passwords.sam = await h.addAccount('sam', 'supervisor', ['supervisor']);
  passwords.alice = await h.addAccount('alice', 'agent', ['support']);
  await seedProductHistory(h.record.db);
  const handled = faultCase({
    ref: 'SR-2611-0200',
    customerId: CUSTOMER,
    product: 'printer',
    createdAt: '2026-11-16T01:00:00Z',
    symptom: '卡纸',
    extra: { status: 'resolved', handledBy: ['alice'], sla: { resolvedAt: '2026-11-17T06:00:00Z' } },
  });
  await seedCases(h.record.db, [handled]);
  await seedReply(h.record.db, handled, 'alice', '2026-11-17T02:00:00Z', '您好，请按说明清理搓纸轮。');
  base = await listen(h.app);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  if (chromiumMissing) return;
  await browser?.close();
  await h?.close();
});

describe.skipIf(chromiumMissing)('the product report in a browser', () => {
  it('shows the laptop faults, the monthly chart and the CSV link to a supervisor, accessibly', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    try {
      await signInToConsole(page, base, 'sam', passwords.sam!);
      await page.getByRole('link', { name: 'Product report' }).click();
      await page.waitForURL(/\/console\/reports\/products/);
      await page.goto(`${base}${PAGE}`);
      const laptop = page.locator('table.product-categories tbody tr', { hasText: 'Laptop' });
      expect(await laptop.locator('td').allTextContents()).toEqual([
        '4',
        '1 / 3',
        ' 33.3',
        '1',
        ' 25',
        '2',
        '1',
        '0',
        '1',
      ]);
      const breakdown = await page.locator('table.product-breakdown tbody').textContent();
      expect(breakdown).toContain('ThinkPad X1');
      expect(breakdown).toContain('主板');
      await page.locator('[data-chart="faults-by-month"] canvas').waitFor({ timeout: 20_000 });
      const legend = await page.locator('[data-chart="faults-by-month"] .u-legend').textContent();
      expect(legend).toContain('Laptop');
      expect(legend).toContain('Printer');
      expect(await page.locator('[data-chart="faults-by-month"]').getAttribute('data-points')).toBe('4');
      const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
      const download = await page.request.get(`${base}${csv}`);
      expect(download.status()).toBe(200);
      expect(await download.text()).toContain('"laptop","4","1","3","33.3"');
      await page.screenshot({ path: `${ARTIFACTS}/console-product-report.png`, fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Only the laptops, chosen on the form.
      await page.getByLabel('Product category').selectOption('laptop');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/category=laptop/);
      expect(await page.locator('table.product-categories tbody tr').count()).toBe(2);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(chromiumMissing)('the review and customer group pages in a browser', () => {
  it('the review page and a customer group page, accessibly, with the flags read', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    try {
      await signInToConsole(page, base, 'sam', passwords.sam!);
      await page.getByRole('link', { name: 'Service reviews' }).click();
      await page.goto(`${base}/console/reviews?week=2026-W47`);
      expect(await page.locator('article.sampled h3').textContent()).toContain('SR-2611-0200');
      expect(await page.locator('ul.flags').textContent()).toContain('customer not addressed by name');
      await page.getByLabel('Greeting and tone').selectOption('2');
      await page.getByRole('button', { name: 'Save scores' }).click();
      await page.waitForURL(/done=1/);
      expect(await page.locator('table.review-scores tbody').textContent()).toContain('alice');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/console-reviews.png`, fullPage: true });
      await page.goto(`${base}/console/customers/${CUSTOMER}/group`);
      await page.getByLabel('Customer group').selectOption('individual');
      await page.getByRole('button', { name: 'Set group' }).click();
      await page.waitForURL(/done=1/);
      expect(await page.locator('dl.group').textContent()).toContain('Individual');
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(chromiumMissing)('the product report in Chinese', () => {
  it('speaks Chinese, and is not there for an agent', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signInToConsole(page, base, 'sam', passwords.sam!, 'zh');
      await page.goto(`${base}${PAGE}`);
      expect(await page.locator('h1').textContent()).toBe('产品报告');
      expect(await page.locator('table.product-categories tbody').textContent()).toContain('笔记本电脑');
      expect(await page.locator('table.product-categories thead').textContent()).toContain('重复故障率');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().clearCookies();
      await signInToConsole(page, base, 'alice', passwords.alice!, 'zh');
      const refused = await page.goto(`${base}${PAGE}`);
      expect(refused?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
