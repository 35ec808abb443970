/**
 * Fills slots from one customer message: the question just asked first, then every other slot of the
 * flow that may be filled from any message ("我的ThinkPad X1 序列号PF2ABC12 去年3月买的，开不了机" fills
 * four at once). Each value found is blanked out of the text so one span never fills two slots.
 */
import type { Slot } from '../flows/schema.js';
import type { Lang } from '../port/messages.js';
import { describedAroundProduct, describedClauses, meaningfulLength } from './description.js';
import { type DateCue, datesWithCues } from './extract/date-cues.js';
import {
  extractAddress,
  extractEmail,
  extractNumber,
  extractPhone,
  extractSerial,
  type Found,
  findKeyword,
  matchChoice,
  parseYesNo,
} from './extract/index.js';

export interface SlotContext {
  lang: Lang;
  now: Date;
  timezone: string;
  phoneRegion: string;
  /** The region of the number the customer writes from (SMS, a call), tried before `phoneRegion`. */
  customerRegion?: string;
  /** Whether a piece of text describes a known symptom (knowledge base), for description slots. */
  isSymptom?: (text: string) => boolean;
  /** The cue words of every date slot of the flow, so each date goes to the slot its cue names. */
  dateCues?: DateCue[];
}

/** Slot types whose value is free text: from an answer to several questions they need a number or a line. */
const FREE_TEXT: ReadonlySet<Slot['type']> = new Set(['text', 'description', 'address', 'yes_no']);

/** Order in which unasked slots are tried: the most recognisable shapes first, free text last. */
const FILL_ORDER: Record<Slot['type'], number> = {
  serial: 0,
  email: 1,
  phone: 2,
  date: 3,
  choice: 4,
  number: 5,
  address: 6,
  yes_no: 7,
  text: 8,
  description: 9,
};

function whole(text: string, minimum: number): Found<string> | null {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (meaningfulLength(trimmed) < minimum) return null;
  const start = text.indexOf(trimmed[0]!);
  return { value: trimmed, start: Math.max(0, start), end: text.length };
}

/** A date written with its year ("2025-03-15", "2025年3月"), trustworthy without a cue. */
const WITH_YEAR = /(?:19|20)\d{2}/u;

/** A value found for a slot; `uncued`: a date taken without the word that says what it is. */
export type SlotFound = Found<unknown> & { uncued?: boolean };

function cueWords(slot: Slot): string[] {
  return [...(slot.keywords?.zh ?? []), ...(slot.keywords?.en ?? [])];
}

/**
 * A date for a date slot. Each date is tied to the nearest cue of its clause among all the flow's date
 * slots (date-cues.ts): "bought" → purchase date, "since" → when the fault began. A slot takes its own
 * dates; an answer to its own question also takes a date with no cue. Unasked, a date with no cue goes
 * only to a `fallback` slot, only when written with its year, and is marked `uncued` so the flow can
 * confirm it before a decision depends on it.
 */
function extractSlotDate(
  name: string,
  slot: Slot,
  text: string,
  asked: boolean,
  ctx: SlotContext,
): SlotFound | null {
  const words = cueWords(slot);
  const cues = ctx.dateCues ?? [{ name, words }];
  const dates = datesWithCues(text, cues, { now: ctx.now, timezone: ctx.timezone, past: slot.past });
  const own = dates.find((date) => date.cue === name);
  if (own) return own;
  const uncued = dates.filter((date) => date.cue === null);
  if (asked || words.length === 0) return uncued[0] ?? null;
  if (!slot.fallback) return null;
  const written = uncued.find((date) => WITH_YEAR.test(date.written));
  return written ? { ...written, uncued: true } : null;
}

/** Where a value introduced by a keyword ends: punctuation, a line break, or the next field. */
const VALUE_END =
  /[，。,.;；!！?？\n()（）]|\s(?:tel|phone|mobile|电话|手机|地址|address)\b|电话|手机|地址/iu;
const GAP_AFTER_KEYWORD = /^(?:\s|[:：是为叫]|is\s)*/u;

/**
 * The value a keyword introduces ("联系人：王先生", "contact: Li Na, 138…"): from after the keyword to
 * the end of its clause, at most a few words, so a name never swallows the rest of the message.
 */
function afterKeyword(text: string, words: readonly string[]): Found<string> | null {
  const hit = findKeyword(text, words);
  if (!hit) return null;
  const from = hit.end + (GAP_AFTER_KEYWORD.exec(text.slice(hit.end))?.[0].length ?? 0);
  const tail = text.slice(from);
  const stop = VALUE_END.exec(tail);
  const value = (stop ? tail.slice(0, stop.index) : tail).trim();
  if (!/[\p{L}]/u.test(value) || [...value].length > 30 || value.split(/\s+/).length > 4) return null;
  return { value, start: from, end: from + value.length };
}

/**
 * A phone number (or its label, once the number was taken by its own slot) after the answer is not part
 * of it: "张伟,电话138…" is the name 张伟, "Li Na, phone 138…" is Li Na.
 */
const TRAILING_PHONE =
  /(?:[\s,，;；、]+|\s*(?=电话|手机|联系电话))(?:(?:tel|phone|mobile|电话|手机号?|联系电话)[\s:：]*)?[+\d][\d\s()-]{4,}$|[\s,，;；、]*(?:tel|phone|mobile|电话|手机号?|联系电话)[\s:：]*$/iu;

function withoutTrailingPhone(found: Found<string> | null): Found<string> | null {
  if (!found) return null;
  // A separator left where the phone was taken out by its own slot ("张伟,") goes with it.
  const value = found.value
    .replace(TRAILING_PHONE, '')
    .replace(/[\s,，;；、:：]+$/u, '')
    .trim();
  if (value === found.value || !/\p{L}/u.test(value)) return found;
  return { ...found, value };
}

function numberedYesNo(text: string): Found<boolean> | null {
  const match = /^\s*([12])\s*[.)、]?\s*$/.exec(text);
  if (!match) return null;
  return { value: match[1] === '1', start: match.index, end: text.length };
}

/**
 * Reads one slot's value from text. `asked`: the message answers this slot's own question.
 * `original`: the message before other values were blanked out, so a description reads naturally.
 */
export function extractSlot(
  slot: Slot,
  text: string,
  asked: boolean,
  ctx: SlotContext,
  original: string = text,
  name = '',
): SlotFound | null {
  switch (slot.type) {
    case 'choice':
      return matchChoice(text, slot.choices ?? [], { asked });
    case 'yes_no':
      return asked ? (parseYesNo(text) ?? numberedYesNo(text)) : null;
    case 'date':
      return extractSlotDate(name, slot, text, asked, ctx);
    case 'serial':
      return extractSerial(text, {
        pattern: slot.pattern,
        keywords: [...(slot.keywords?.zh ?? []), ...(slot.keywords?.en ?? [])],
        answering: asked,
      });
    case 'phone':
      return extractPhone(text, {
        defaultRegion: ctx.phoneRegion,
        ...(ctx.customerRegion ? { customerRegion: ctx.customerRegion } : {}),
      });
    case 'email':
      return extractEmail(text);
    case 'number': {
      if (!asked) return null;
      const found = extractNumber(text);
      if (!found) return null;
      if (
        (slot.min !== undefined && found.value < slot.min) ||
        (slot.max !== undefined && found.value > slot.max)
      ) {
        return null;
      }
      return found;
    }
    case 'address':
      return extractAddress(text, { asked });
    case 'text': {
      const introduced = cueWords(slot).length > 0 ? afterKeyword(text, cueWords(slot)) : null;
      if (introduced) return introduced;
      if (slot.pattern) {
        const match = new RegExp(slot.pattern, 'iu').exec(text);
        return match ? { value: match[0], start: match.index, end: match.index + match[0].length } : null;
      }
      return asked ? withoutTrailingPhone(whole(text, 1)) : null;
    }
    case 'description':
      return asked
        ? (describedClauses(original, text, slot, ctx.isSymptom) ?? whole(text, 2))
        : describedClauses(original, text, slot, ctx.isSymptom);
  }
}

/** The words that name a phone number right before it: "my mobile", "cell", "手机号", "电话". */
const PHONE_LABEL =
  /(?:(?:my|our|the)\s+)?(?:mobile|cell(?:phone)?|phone|手机号?码?|电话)\s*(?:number|no\.?|号码?)?\s*(?:is|:|：|是)?\s*$/iu;

/**
 * A phone number's span with the words that name it, so "call me on my mobile 188…" or "手机号 139…"
 * does not also name the customer's product.
 */
function withLabel(slot: Slot, text: string, found: { start: number; end: number }) {
  if (slot.type !== 'phone') return found;
  const label = PHONE_LABEL.exec(text.slice(Math.max(0, found.start - 24), found.start));
  return label ? { start: found.start - label[0].length, end: found.end } : found;
}

function blank(text: string, found: { start: number; end: number }): string {
  return text.slice(0, found.start) + ' '.repeat(found.end - found.start) + text.slice(found.end);
}

/** Splits "1. ThinkPad\n2. PF2ABC12" (an email answering a numbered list) into answers by number. */
export function numberedAnswers(text: string): Map<number, string> {
  const answers = new Map<number, string>();
  const pattern = /^\s*(?:[(（]?(\d{1,2})[)）.、:：]|(\d{1,2})\s+-)\s*(.+)$/gmu;
  for (const match of text.matchAll(pattern)) {
    const n = Number(match[1] ?? match[2]);
    if (!answers.has(n)) answers.set(n, match[3]!.trim());
  }
  return answers;
}

export interface FillResult {
  /** Slots filled by this message, in the order found. */
  filled: Record<string, unknown>;
  /** Which of the asked slots got a value. */
  answered: string[];
  /** Date slots filled from a date with no cue: to be confirmed with the customer. */
  uncued: string[];
}

/**
 * Fills the asked slots (by numbered answers when several were asked at once), then every other
 * unfilled `any_message` slot of the flow.
 */
export function fillSlots(
  slots: Record<string, Slot>,
  current: Record<string, unknown>,
  text: string,
  asked: readonly string[],
  context: SlotContext,
): FillResult {
  const filled: Record<string, unknown> = {};
  const answered: string[] = [];
  const uncued: string[] = [];
  let rest = text;
  const dateCues = Object.entries(slots)
    .filter(([, slot]) => slot.type === 'date')
    .map(([name, slot]) => ({ name, words: cueWords(slot) }));
  const ctx: SlotContext = { ...context, dateCues };

  if (asked.length > 1) {
    let answers = numberedAnswers(text);
    if (answers.size === 0) {
      // An email answering a list line by line, without numbers.
      const lines = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (lines.length === asked.length) answers = new Map(lines.map((line, n) => [n + 1, line]));
    }
    asked.forEach((name, index) => {
      const answer = answers.get(index + 1);
      const slot = slots[name];
      if (!answer || !slot) return;
      const found = extractSlot(slot, answer, true, ctx, answer, name);
      if (found) {
        filled[name] = found.value;
        answered.push(name);
      }
    });
    if (answers.size > 0) rest = '';
    // "No" to a list of yes/no questions answers all of them ("were it dropped? opened by others?").
    const yesNo = asked.filter((name) => slots[name]?.type === 'yes_no' && !(name in filled));
    if (answers.size === 0 && yesNo.length === asked.length) {
      const found = extractSlot(slots[asked[0]!]!, text, true, ctx, text, asked[0]);
      if (found) {
        for (const name of yesNo) {
          filled[name] = found.value;
          answered.push(name);
        }
        rest = '';
      }
    }
  }

  const order = (name: string) => FILL_ORDER[slots[name]!.type];
  let askedOpen = asked
    .filter((name) => slots[name] && !(name in filled))
    .sort((a, b) => order(a) - order(b));
  // Several questions, unnumbered answer: a free-text answer is only taken when it can belong to one question.
  const freeOpen = askedOpen.filter((name) => FREE_TEXT.has(slots[name]!.type));
  if (asked.length > 1 && freeOpen.length > 1)
    askedOpen = askedOpen.filter((name) => !FREE_TEXT.has(slots[name]!.type));
  const others = Object.keys(slots)
    .filter(
      (name) => !asked.includes(name) && slots[name]!.fill === 'any_message' && current[name] === undefined,
    )
    .sort((a, b) => order(a) - order(b));

  // Shapes first (serial, date…) whether asked or not, so a free-text answer does not swallow them;
  // then the asked free-text slot takes what is left.
  const sequence = [...askedOpen, ...others].sort((a, b) => order(a) - order(b));
  let productAt: number | undefined;
  for (const name of sequence) {
    const slot = slots[name]!;
    const isAsked = askedOpen.includes(name);
    const found = extractSlot(slot, rest, isAsked, ctx, rest === '' ? '' : text, name);
    if (!found) continue;
    filled[name] = found.value;
    if (found.uncued) uncued.push(name);
    if (slot.type === 'choice' && !isAsked) productAt = found.start;
    if (isAsked) answered.push(name);
    if (slot.type !== 'description' && slot.type !== 'text') rest = blank(rest, withLabel(slot, rest, found));
  }
  if (productAt !== undefined && rest !== '') {
    for (const name of others) {
      if (slots[name]!.type !== 'description') continue;
      const described = describedAroundProduct(text, rest, productAt, filled[name] as string | undefined);
      if (described) filled[name] = described;
    }
  }
  return { filled, answered, uncued };
}
