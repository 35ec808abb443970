/**
 * The console's words in English and Chinese. Each staff member chooses (stored with their console
 * preferences); until they do, the browser's Accept-Language decides.
 */

import { bellWords } from './words/bell.js';
import { cannedWords } from './words/canned.js';
import { caseWords } from './words/case.js';
import { casesWords } from './words/cases.js';
import { contractWords } from './words/contracts.js';
import { coreWords } from './words/core.js';
import { customerWords } from './words/customer.js';
import { engineerWords } from './words/engineer.js';
import { liveWords } from './words/live.js';
import { quoteWords } from './words/quote.js';
import { reportWords } from './words/reports.js';
import { reviewWords } from './words/reviews.js';
import { visitWords } from './words/visits.js';

export const consoleLangs = ['en', 'zh'] as const;
export type ConsoleLang = (typeof consoleLangs)[number];

/**
 * Each area of the console keeps its words in its own file under words/, in both languages (a part's
 * Chinese is typed by its English, so a missing word fails the type check). Add a part here.
 */
const parts = [
  coreWords,
  caseWords,
  cannedWords,
  bellWords,
  quoteWords,
  liveWords,
  contractWords,
  visitWords,
  engineerWords,
  casesWords,
  customerWords,
  reportWords,
  reviewWords,
] as const;

type Part = (typeof parts)[number];
type Intersection<U> = (U extends unknown ? (whole: U) => void : never) extends (whole: infer I) => void
  ? I
  : never;
export type Words = Intersection<Part['en']>;

function merged(lang: ConsoleLang): Words {
  return Object.assign({}, ...parts.map((part) => part[lang])) as Words;
}

export const words: Record<ConsoleLang, Words> = { en: merged('en'), zh: merged('zh') };

export function isConsoleLang(value: unknown): value is ConsoleLang {
  return typeof value === 'string' && (consoleLangs as readonly string[]).includes(value);
}

/** The first of the browser's languages the console speaks (q-values honoured), else English. */
export function langFromHeader(header: string | undefined): ConsoleLang {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isConsoleLang(base)) return base;
  }
  return 'en';
}
