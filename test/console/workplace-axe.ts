/**
 * Accessibility and phone-width checks for console pages in Chromium: axe-core's rules run in the page
 * (its source evaluated through the browser's devtools channel, so the console's CSP needs no exception),
 * and a page must not scroll sideways.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axeSource);
  // A string: it runs in the page, where `document` and `axe` are.
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')) })))`)) as AxeFinding[];
  return found.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return (await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')) as number;
}
