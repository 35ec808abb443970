/**
 * Accessibility checks with axe-core in a real page. The source is evaluated through the browser's
 * debugging protocol, which the page's strict CSP does not govern, so the page is checked exactly as
 * staff get it.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Violations of at least `serious` impact on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Axe = {
      run(): Promise<{
        violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
      }>;
    };
    const axe = (globalThis as unknown as { axe: Axe }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
