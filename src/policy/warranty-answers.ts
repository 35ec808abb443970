/**
 * Answers to general warranty questions, put together from the policy: "how long is the warranty on
 * monitors" (a category), "电池保吗" (a part, for one category or for all), or the whole table; and the
 * end dates a warranty check tells. Texts are the templates in flows/policy.yaml (`warranty.answers`).
 */
import type { Text } from '../flows/schema.js';
import { comparePeriods, type IsoDate } from './dates.js';
import { formatDate, formatDuration, formatPartialDate } from './format.js';
import type { Policy } from './schema.js';
import { type EffectiveTerms, effectiveTerms } from './warranty-terms.js';

type Lang = 'zh' | 'en';
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '').trim();
}

function termValues(policy: Policy, terms: EffectiveTerms, lang: Lang): Record<string, string> {
  const partName = (id: string) => policy.warranty.parts[id]?.name[lang] ?? id;
  return {
    category: terms.category.name[lang],
    main_parts: terms.mainParts.map(partName).join(lang === 'zh' ? '、' : ', '),
    unit_period: formatDuration(terms.unit_period, lang),
    main_period: formatDuration(terms.main_parts_period, lang),
    return_period: formatDuration(terms.return_period, lang),
    exchange_period: formatDuration(terms.exchange_period, lang),
  };
}

function allTerms(policy: Policy): EffectiveTerms[] {
  return Object.keys(policy.warranty.categories)
    .map((id) => effectiveTerms(policy.warranty, id))
    .filter((terms): terms is EffectiveTerms => terms !== null);
}

/** Categories whose periods differ from the defaults ("服务器整机和主要部件保修3年"). */
function exceptions(policy: Policy, lang: Lang): string {
  const { warranty } = policy;
  return allTerms(policy)
    .filter(
      (terms) =>
        comparePeriods(terms.unit_period, warranty.unit_period) !== 0 ||
        comparePeriods(terms.main_parts_period, warranty.main_parts_period) !== 0,
    )
    .map((terms) => fill(warranty.answers.exception[lang], termValues(policy, terms, lang)))
    .join(lang === 'zh' ? '' : ' ');
}

/** "平板电脑、手机（2年）" / "tablet or phone (2 years)": where a part is a main part, with its period. */
function mainList(policy: Policy, part: string, lang: Lang): string {
  const groups = new Map<string, string[]>();
  for (const terms of allTerms(policy)) {
    if (!terms.mainParts.includes(part)) continue;
    const period = formatDuration(terms.main_parts_period, lang);
    groups.set(period, [...(groups.get(period) ?? []), terms.category.name[lang]]);
  }
  return [...groups]
    .map(([period, names]) =>
      lang === 'zh' ? `${names.join('、')}（保修${period}）` : `${names.join(', ')} (${period})`,
    )
    .join(lang === 'zh' ? '，' : '; ');
}

function answerIn(policy: Policy, category: string | null, part: string | null, lang: Lang): string {
  const { answers } = policy.warranty;
  const terms = category ? effectiveTerms(policy.warranty, category) : null;
  const defaults = termValues(policy, allTerms(policy)[0]!, lang);
  const partName = part ? (policy.warranty.parts[part]?.name[lang] ?? part) : '';
  let answer: string;
  if (terms && part) {
    const values = { ...termValues(policy, terms, lang), part: partName };
    answer = fill((terms.mainParts.includes(part) ? answers.part_main : answers.part_unit)[lang], values);
  } else if (terms) {
    answer = fill(answers.category[lang], termValues(policy, terms, lang));
  } else if (part) {
    const list = mainList(policy, part, lang);
    const template = list ? answers.part_any : answers.part_unit;
    answer = fill(template[lang], {
      ...defaults,
      category: lang === 'zh' ? '产品' : 'product',
      part: partName,
      main_list: list,
      unit_period: formatDuration(policy.warranty.unit_period, lang),
    });
  } else {
    answer = fill(answers.general[lang], {
      ...defaults,
      ...periodsOf(policy, lang),
      exceptions: exceptions(policy, lang),
    });
  }
  return `${answer}${lang === 'zh' ? '' : ' '}${answers.ask_date[lang]}`;
}

/** The policy's default periods (a category may have its own). */
function periodsOf(policy: Policy, lang: Lang): Record<string, string> {
  const { warranty } = policy;
  const partName = (id: string) => warranty.parts[id]?.name[lang] ?? id;
  return {
    unit_period: formatDuration(warranty.unit_period, lang),
    main_period: formatDuration(warranty.main_parts_period, lang),
    return_period: formatDuration(warranty.return_period, lang),
    exchange_period: formatDuration(warranty.exchange_period, lang),
    main_parts: Object.entries(warranty.parts)
      .filter(([, p]) => p.main)
      .map(([id]) => partName(id))
      .join(lang === 'zh' ? '、' : ', '),
  };
}

/**
 * The answer to a general warranty question about `category` and/or `part` (ids from the policy;
 * null when the question names none), from the periods in the policy, in both languages.
 */
export function warrantyTermsAnswer(policy: Policy, category: string | null, part: string | null): Text {
  return { zh: answerIn(policy, category, part, 'zh'), en: answerIn(policy, category, part, 'en') };
}

/**
 * The day the whole unit's and the main parts' warranty end, for a warranty check: exact days for a
 * purchase day; for a month, a year or a date known roughly, "about" the month the earliest start ends.
 */
export function warrantyEndsText(
  policy: Policy,
  coverage: { unitEnds: IsoDate | null; mainPartsEnds: IsoDate | null },
  exact: boolean,
): Text | null {
  const { unitEnds, mainPartsEnds } = coverage;
  if (!unitEnds || !mainPartsEnds) return null;
  const render = (lang: Lang) => {
    const show = (date: IsoDate) => (exact ? formatDate(date, lang) : formatPartialDate(date, 'month', lang));
    const template = exact ? policy.warranty.answers.ends : policy.warranty.answers.ends_about;
    return fill(template[lang], { unit_ends: show(unitEnds), main_ends: show(mainPartsEnds) });
  };
  return { zh: render('zh'), en: render('en') };
}
