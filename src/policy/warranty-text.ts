/**
 * The customer's one-sentence explanation of a warranty decision, rendered from the templates in
 * flows/policy.yaml (`warranty.explanations`) so a manager can reword them without a release.
 */
import type { Text } from '../flows/schema.js';
import type { IsoDate } from './dates.js';
import { formatDate, formatDuration, formatPartialDate } from './format.js';
import type { ExplanationKey, Policy } from './schema.js';
import type { DateRange, EffectiveTerms } from './warranty-terms.js';

/** The exclusion a missing invoice or warranty card is decided by (三包 Art. 9). */
export const PROOF_OF_PURCHASE_EXCLUSION = 'no_proof_of_purchase';

/** What `warranty.explanations` templates may use. */
export const explanationPlaceholders = [
  'since',
  'category',
  'part',
  'main_parts',
  'exclusion',
  'repaired',
  'repair_days',
  'doa_days',
  'unit_ends',
  'main_ends',
  'warranty_ends',
  'return_period',
  'return_period_adj',
  'exchange_period',
  'exchange_period_adj',
  'unit_period',
  'unit_period_adj',
  'main_period',
  'main_period_adj',
] as const;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Names of the `{{placeholders}}` in a template. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}

/** Facts a sentence may mention; absent ones render as empty text. */
export interface ExplanationFacts {
  terms: EffectiveTerms | null;
  /** The date the rule counted from: a purchase (to its precision) or the acceptance. */
  since?: { range: DateRange; acceptance: boolean } | undefined;
  part?: string | null | undefined;
  exclusion?: Text | undefined;
  repaired?: IsoDate | undefined;
  unitEnds?: IsoDate | null | undefined;
  mainEnds?: IsoDate | null | undefined;
  warrantyEnds?: IsoDate | null | undefined;
}

/** "Bought in March 2025", "Bought around August 2024" (a date known roughly), "Accepted on 2 May 2024". */
function sinceText(since: NonNullable<ExplanationFacts['since']>, policy: Policy, lang: 'zh' | 'en'): string {
  const { range } = since;
  if (since.acceptance)
    return fill(policy.warranty.since.acceptance[lang], { date: formatDate(range.earliest, lang) });
  if (range.about)
    return fill(policy.warranty.since.purchase_about[lang], {
      date: formatPartialDate(range.about, range.precision, lang),
    });
  const shown = formatPartialDate(range.earliest, range.precision, lang);
  return fill(policy.warranty.since[`purchase_${range.precision}`][lang], { date: shown });
}

/** Renders the sentence for `key` in both languages. */
export function explain(key: ExplanationKey, facts: ExplanationFacts, policy: Policy): Text {
  const { warranty } = policy;
  const render = (lang: 'zh' | 'en'): string => {
    const { terms, since } = facts;
    const date = (iso: IsoDate | null | undefined) => (iso ? formatDate(iso, lang) : '');
    const partName = (id: string) => warranty.parts[id]?.name[lang] ?? id;
    const values: Record<string, string> = {
      part: facts.part ? partName(facts.part) : '',
      exclusion: facts.exclusion?.[lang] ?? '',
      repaired: date(facts.repaired),
      repair_days: String(warranty.repair_guarantee_days),
      unit_ends: date(facts.unitEnds),
      main_ends: date(facts.mainEnds),
      warranty_ends: date(facts.warrantyEnds),
    };
    if (since) values.since = sinceText(since, policy, lang);
    if (terms) {
      values.category = terms.category.name[lang];
      values.main_parts = terms.mainParts.map(partName).join(lang === 'zh' ? '、' : ', ');
      values.doa_days = String(terms.doa_days);
      const periods = {
        return_period: terms.return_period,
        exchange_period: terms.exchange_period,
        unit_period: terms.unit_period,
        main_period: terms.main_parts_period,
      };
      for (const [name, period] of Object.entries(periods)) {
        values[name] = formatDuration(period, lang);
        values[`${name}_adj`] = formatDuration(period, lang, true);
      }
    }
    return fill(warranty.explanations[key][lang], values);
  };
  return { zh: render('zh'), en: render('en') };
}
