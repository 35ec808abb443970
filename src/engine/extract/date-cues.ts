/**
 * Ties each date in a message to the word that says what the date is: "bought / 买 / got it" makes it a
 * purchase date, "since / 从…开始 / 以来" the day a fault began. A warranty decision taken on the day
 * a fault started ("jamming since last week; purchased on 2 May 2024") would be wrong, so a date
 * belongs to the nearest cue in its own clause, and a date with no cue says so.
 */
import { type DateValue, extractDate } from './extract-date.js';
import { findWord } from './find-keyword.js';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';

/** One kind of date and the words that announce it. */
export interface DateCue {
  /** What the cue means, e.g. the slot name `purchase_date`. */
  name: string;
  words: readonly string[];
}

/** A date found in the text, with the name of its cue (null: no cue in its clause). */
export interface CuedDate extends Found<DateValue> {
  cue: string | null;
  /** The date as the customer wrote it ("2 May 2024", "前年"). */
  written: string;
}

export interface DatesWithCuesOptions {
  now: Date;
  timezone: string;
  past?: boolean;
}

/**
 * Clauses for dates: a dot splits only outside a number ("2025.3.15"); a comma splits unless a year
 * follows it ("May 2, 2024").
 */
const DATE_CLAUSE = /(?:[^，。,;；!！?？\n.]|\.(?=\d)|,(?=\s?(?:19|20)\d{2}(?!\d)))+/gu;
/** "现在开不了机", "right now": the present moment is never the date a slot asks for. */
const NOW_WORDS = /^(?:现在|目前|当前|今天|刚才|刚刚|now|right now|today|currently|just now)$/iu;
/** Dates per clause worth reading; more are noise. */
const MAX_DATES = 4;

function allHits(folded: string, word: string): Array<{ start: number; end: number }> {
  const hits: Array<{ start: number; end: number }> = [];
  let offset = 0;
  while (offset < folded.length) {
    const hit = findWord(folded.slice(offset), word);
    if (!hit) break;
    hits.push({ start: hit.start + offset, end: hit.end + offset });
    offset += Math.max(hit.end, 1);
  }
  return hits;
}

function distance(date: { start: number; end: number }, cue: { start: number; end: number }): number {
  if (cue.end <= date.start) return date.start - cue.end;
  if (cue.start >= date.end) return cue.start - date.end;
  return 0;
}

/** Every date in `text`, left to right, each tied to the nearest cue of its clause. */
export function datesWithCues(
  text: string,
  cues: readonly DateCue[],
  opts: DatesWithCuesOptions,
): CuedDate[] {
  const found: CuedDate[] = [];
  for (const clause of text.matchAll(DATE_CLAUSE)) {
    const folded = foldForMatch(clause[0]);
    const hits = cues.flatMap((cue) =>
      cue.words.flatMap((word) => allHits(folded, word).map((hit) => ({ ...hit, name: cue.name }))),
    );
    let rest = clause[0];
    for (let n = 0; n < MAX_DATES; n++) {
      const date = extractDate(rest, opts);
      if (!date) break;
      rest = rest.slice(0, date.start) + ' '.repeat(date.end - date.start) + rest.slice(date.end);
      const written = clause[0].slice(date.start, date.end);
      if (NOW_WORDS.test(written.trim())) continue;
      // A cue overlapping the date ("since" in "ever since 2024") still counts; the nearest wins, and on
      // a tie the cue written first. A cue the date is made of ("after" in "the day after Christmas",
      // "之后" in "春节之后") counts only when the clause has no other.
      let best: { name: string; gap: number } | null = null;
      for (const hit of hits) {
        const within =
          hit.start >= date.start && hit.end <= date.end && date.end - date.start > hit.end - hit.start;
        const gap = within ? clause[0].length + 1 : distance(date, hit);
        if (!best || gap < best.gap) best = { name: hit.name, gap };
      }
      found.push({
        value: date.value,
        start: date.start + clause.index,
        end: date.end + clause.index,
        cue: best?.name ?? null,
        written,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
