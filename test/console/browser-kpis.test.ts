/**
 * The KPI charts in a real browser (Debian's chromium): seeded cases over several days, the page draws
 * uPlot charts whose series lines are on the canvas (pixels of the series colour, not just axes), under
 * the strict CSP with no console error; then the staff accounts page. Screenshots go to test-artifacts/.
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
import { type ConsoleHarness, consoleHarness } from './harness.js';
import { seedDays } from './kpi-seed.js';

const ARTIFACTS = 'test-artifacts';

let h: ConsoleHarness;
let browser: Browser;
let base: string;
let password: string;

beforeAll(async () => {
  if (chromiumMissing) return;
  h = await consoleHarness();
  password = await h.addAccount('sam', 'supervisor', ['supervisor']);
  await seedDays(h, '2026-11-16', 8);
  h.runtime.clock.set('2026-11-26T10:00:00+08:00');
  base = await listen(h.app);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  if (chromiumMissing) return;
  await browser?.close();
  await h?.close();
});

/** Pixels of a chart's canvas close to a series colour (the axes and grid are grey): run in the page. */
function seriesPixels(args: { selector: string; rgb: [number, number, number] }): number {
  // The test compiles without the DOM's types: just the few members used here.
  type Canvas = {
    width: number;
    height: number;
    getContext(kind: '2d'): {
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
  const doc = (globalThis as unknown as { document: { querySelector(selector: string): Canvas | null } })
    .document;
  const canvas = doc.querySelector(`${args.selector} canvas`);
  if (!canvas) return -1;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const near =
      Math.abs(data[i]! - args.rgb[0]) < 40 &&
      Math.abs(data[i + 1]! - args.rgb[1]) < 40 &&
      Math.abs(data[i + 2]! - args.rgb[2]) < 40;
    if (near && data[i + 3]! > 100) count++;
  }
  return count;
}

describe.skipIf(chromiumMissing)('KPI charts in a browser', () => {
  it('draws first response, resolution, percentages and satisfaction over the seeded days', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    try {
      await signInToConsole(page, base, 'sam', password);
      await page.goto(`${base}/console/kpis?from=2026-11-15&to=2026-11-25`);
      await page.locator('[data-chart="times"] canvas').waitFor({ timeout: 20_000 });
      // uPlot's own legend lists the series it drew.
      const legend = await page.locator('[data-chart="times"] .u-legend .u-series').allTextContents();
      expect(legend.join(' ')).toContain('First response · median');
      expect(await page.locator('[data-chart="times"]').getAttribute('data-points')).toBe('32');
      await page.screenshot({ path: `${ARTIFACTS}/console-kpi-charts.png`, fullPage: true });
      // With one case a day median and p90 coincide: the last-drawn p90 lines are on top.
      const resolutionP90 = {
        selector: '[data-chart="times"]',
        rgb: [191, 135, 0] as [number, number, number],
      };
      expect(await page.evaluate(seriesPixels, resolutionP90)).toBeGreaterThan(200);
      const promisesKept = {
        selector: '[data-chart="percent"]',
        rgb: [10, 91, 211] as [number, number, number],
      };
      expect(await page.evaluate(seriesPixels, promisesKept)).toBeGreaterThan(200);
      for (const id of ['percent', 'satisfaction'])
        expect(await page.locator(`[data-chart="${id}"] canvas`).count()).toBe(1);

      // For one staff member, per week.
      await page.getByLabel('Per', { exact: true }).selectOption('week');
      await page.getByLabel('Charts for', { exact: true }).selectOption('staff:kpi-alice');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/chart=staff%3Akpi-alice/);
      await page.locator('[data-chart="times"] canvas').waitFor();
      expect(await page.locator('#charts-h').textContent()).toContain('per week');
      expect(await page.locator('[data-chart="times"]').getAttribute('data-points')).toBe('8');

      // The staff accounts page, reached from the navigation, under the same CSP.
      await page.getByRole('link', { name: 'Staff accounts' }).click();
      await page.waitForURL(`${base}/console/staff`);
      expect(await page.locator('table.staff tbody tr').count()).toBe(2);
      await page.screenshot({ path: `${ARTIFACTS}/console-staff.png`, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
