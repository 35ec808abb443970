/**
 * axe-core in a console page: the rule engine's source is evaluated in the page (through the browser's
 * protocol, which the page's CSP does not govern) and its serious and critical violations returned.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations as Array<{
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: unknown[] }>;
    }>;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
}

/** One violation as a line a failing test prints: the rule, its impact and the first elements. */
export function axeProblemLine(problem: AxeProblem): string {
  return `${problem.id} (${problem.impact}): ${problem.help} — ${problem.targets.slice(0, 3).join(', ')}`;
}
