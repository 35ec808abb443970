/** Shared inputs for the warranty tests: the shipped policy and date helpers. */
import { expect } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/schema.js';
import { decideWarranty, type WarrantyDecision, type WarrantyInput } from '../../src/policy/warranty.js';

export const policy = loadPolicy();
/** Noon in Shanghai on a date: "today" for the decision. */
export const on = (date: string) => new Date(`${date}T12:00:00+08:00`);
export const day = (date: string) => ({ date, precision: 'day' as const });
export const month = (date: string) => ({ date, precision: 'month' as const });
export const year = (date: string) => ({ date, precision: 'year' as const });

export type Case = Partial<WarrantyInput> & { today: Date };
export type Row = [string, Case, WarrantyDecision['decision'], string];

/** A laptop with no date and no exclusions, changed by `input`. */
export function decide(input: Case, withPolicy: Policy = policy): WarrantyDecision {
  return decideWarranty({ category: 'laptop', purchaseDate: null, exclusions: [], ...input }, withPolicy);
}

/** Runs a decision table: decision and rule, and a filled-in sentence in both languages. */
export function checkRow([, input, decision, rule]: Row): void {
  const result = decide(input);
  expect({ decision: result.decision, rule: result.rule }).toEqual({ decision, rule });
  for (const lang of ['zh', 'en'] as const) {
    expect(result.explanation[lang]).not.toMatch(/\{\{|\}\}/);
    expect(result.explanation[lang].length).toBeGreaterThan(10);
  }
}
