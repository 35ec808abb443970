/**
 * Being told, in Chromium: the bell's count in the page and the tab title; desktop alerts with a tone,
 * switched on by the person, for a new case in their queue and a customer's reply on their case; the
 * shortcuts listed on `?` and working (reply, note, next case). Then every console page this part of
 * the console owns or touches, in both languages, checked by axe-core (no serious or critical
 * violation) and photographed into test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblemLine, seriousAxeViolations } from '../support/axe.js';
import {
  chromiumMissing,
  launchChromium,
  listen,
  pageProblems,
  signInToConsole,
} from '../support/chromium.js';
import { type ConsoleHarness, consoleHarness } from './harness.js';

const SEEN_MS = 20_000;
const ARTIFACTS = 'test-artifacts';

let h: ConsoleHarness;
let browser: Browser;
let base: string;
const passwords: Record<string, string> = {};

beforeAll(async () => {
  if (chromiumMissing) return;
  h = await consoleHarness({ bellPollMs: 300 });
  passwords.carol = await h.addAccount('carol', 'agent', ['support']);
  passwords.sam = await h.addAccount('sam', 'supervisor', ['supervisor', 'support']);
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

async function open(name: string, locale: 'en-US' | 'zh-CN' = 'en-US', width = 1440) {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
  await context.grantPermissions(['notifications'], { origin: base });
  const page = await context.newPage();
  const problems = pageProblems(page);
  await signInToConsole(page, base, name, passwords[name]!, locale === 'zh-CN' ? 'zh' : 'en');
  return { context, page, problems };
}

const lastAlert = (page: Page) => page.locator('body').getAttribute('data-last-alert');

async function alertsAndBell(): Promise<void> {
  const { context, page, problems } = await open('carol');
  try {
    await page.goto(`${base}/console/notifications`);
    const toggle = page.locator('#alerts-toggle');
    expect(await toggle.textContent()).toContain('off');
    await toggle.click();
    await page.locator('#alerts-toggle[aria-pressed="true"]').waitFor();

    await page.goto(`${base}/console`);
    // Let the first reading of the queues happen: an alert is for what arrives after it.
    await page.waitForTimeout(800);
    const ref = await h.escalate('+8613800300021', 'the printer is on fire, talk to a person');
    await page.waitForFunction(
      (r) =>
        (
          globalThis as unknown as { document: { body: { dataset: { lastAlert?: string } } } }
        ).document.body.dataset.lastAlert?.includes(r) ?? false,
      ref,
      { timeout: SEEN_MS },
    );
    expect(await lastAlert(page)).toContain('New case in your queue');
    expect(await page.locator('body').getAttribute('data-last-tone')).not.toBeNull();

    await page.getByRole('button', { name: 'Take next case' }).first().click();
    await page.waitForURL(`${base}/console/cases/${ref}`);
    await page.waitForTimeout(800);
    // A minute later (the bell counts what came after the person last opened it).
    h.runtime.clock.advance(60_000);
    await h.runtime.desk.receive({
      channel: 'sms',
      providerMessageId: 'bell-reply-1',
      from: '+8613800300021',
      text: 'it is still smoking',
      receivedAt: h.runtime.clock.now(),
    });

    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { body: { dataset: { lastAlert?: string } } } }
        ).document.body.dataset.lastAlert?.includes('still smoking') ?? false,
      undefined,
      { timeout: SEEN_MS },
    );
    expect(await lastAlert(page)).toContain(`The customer replied on ${ref}`);
    // The bell counts it, and so does the tab's title.
    await page.locator('#bell .count', { hasText: /\d/ }).waitFor({ timeout: SEEN_MS });
    expect(await page.title()).toMatch(/^\(\d+\) /);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
}

async function shortcuts(): Promise<void> {
  const { context, page, problems } = await open('carol', 'zh-CN');
  try {
    const ref = await h.escalate('+8613800300022', '请问你们周末有人上班吗？转人工');
    await page.goto(`${base}/console`);
    await page.locator(`#queue a[href="/console/cases/${ref}"]`).waitFor({ timeout: SEEN_MS });
    await page.keyboard.press('?');
    await page.locator('dialog#shortcuts[open]').waitFor();
    for (const words of ['领取下一单', '回复', '内部备注', '搜索', '解决'])
      expect(await page.locator('dialog#shortcuts').textContent()).toContain(words);
    await page.keyboard.press('Escape');
    await page.locator('dialog#shortcuts:not([open])').waitFor({ state: 'attached' });
    await page.keyboard.press('j');
    await page.waitForURL(`${base}/console/cases/${ref}`);
    await page.keyboard.press('r');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).toBe('reply-text');
    await page.locator('#reply-text').press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    expect(await page.locator('#note-box').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document
            .activeElement.textContent,
      ),
    ).toContain('作为已答复的咨询关闭');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Every page signed in as a supervisor (who sees them all), in one language, checked and photographed. */
async function everyPage(locale: 'en-US' | 'zh-CN'): Promise<void> {
  const ref = await h.escalate(
    `+86138003001${locale === 'zh-CN' ? '31' : '32'}`,
    '请问你们周末有人上班吗？转人工',
  );
  const sam = await open('sam', locale);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const found: string[] = [];
  try {
    const { page } = sam;
    await page.goto(`${base}/console/cases/${ref}`);
    // A supervisor takes it with the picker, then closes it as an answered enquiry.
    await page.locator('#reassign-to').selectOption('staff:sam');
    await page.locator('form[action$="/reassign"] button[type="submit"]').click();
    await page.locator('#enquiry-what').waitFor({ timeout: SEEN_MS });
    await page.locator('#enquiry-what').fill('weekend hours');
    await page.locator('#quick-close button[type="submit"]').click();
    await page
      .locator('.status-line', { hasText: locale === 'zh-CN' ? '已解决' : 'resolved' })
      .waitFor({ timeout: SEEN_MS });
    const pages: Array<[string, string]> = [
      ['queue', '/console'],
      ['case', `/console/cases/${ref}`],
      ['record', `/console/cases/${ref}/record`],
      ['notifications', '/console/notifications'],
      ['canned', '/console/canned'],
      ['staff', '/console/staff'],
      ['kpis', '/console/kpis'],
      ['at-risk', '/console/at-risk'],
      ['kb', '/console/kb'],
    ];
    for (const [name, path] of pages) {
      await page.goto(`${base}${path}`);
      await page.locator('main').waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/page-${name}-${lang}.png`, fullPage: true });
      found.push(...(await seriousAxeViolations(page)).map(axeProblemLine).map((v) => `${path}: ${v}`));
    }
    // The shortcuts list, open, and a case on a phone-sized screen.
    await page.goto(`${base}/console/cases/${ref}`);
    await page.keyboard.press('?');
    await page.locator('dialog#shortcuts[open]').waitFor();
    found.push(...(await seriousAxeViolations(page)).map(axeProblemLine).map((v) => `shortcuts: ${v}`));
    await page.screenshot({ path: `${ARTIFACTS}/page-shortcuts-${lang}.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: `${ARTIFACTS}/page-case-narrow-${lang}.png`, fullPage: true });
    found.push(...(await seriousAxeViolations(page)).map(axeProblemLine).map((v) => `case (narrow): ${v}`));
    expect(sam.problems).toEqual([]);
  } finally {
    await sam.context.close();
  }
  const signedOut: BrowserContext = await browser.newContext({ locale });
  try {
    const page = await signedOut.newPage();
    await page.goto(`${base}/console/login`);
    found.push(...(await seriousAxeViolations(page)).map(axeProblemLine).map((v) => `login: ${v}`));
    await page.screenshot({ path: `${ARTIFACTS}/page-login-${lang}.png` });
  } finally {
    await signedOut.close();
  }
  expect(found).toEqual([]);
}

describe.skipIf(chromiumMissing)('being told, and every page checked', () => {
  it(
    'alerts on a new case and a customer reply once switched on; the bell and title count',
    { timeout: 120_000 },
    alertsAndBell,
  );
  it('lists the shortcuts on “?” and they work', { timeout: 120_000 }, shortcuts);
  it('has no serious or critical axe violation on any page, in English', { timeout: 150_000 }, () =>
    everyPage('en-US'),
  );
  it('has no serious or critical axe violation on any page, in Chinese', { timeout: 150_000 }, () =>
    everyPage('zh-CN'),
  );
});
