/**
 * What is wrong, read from a customer's message for a description slot (the fault report's symptom):
 * the clauses that carry a symptom word or a known symptom, and the clause that names the product.
 * Clauses that only carry facts (a purchase, a serial, a contact number) or ask about the warranty are
 * left out, so "25年6月买的打印机，保修到什么时候" or "my monitor has no picture the serial is M N eight…"
 * give no symptom and "no picture" respectively.
 */
import type { Slot } from '../flows/schema.js';
import { type Found, findKeyword } from './extract/index.js';
import { asksAboutWarranty } from './routing.js';

/**
 * A clause: up to punctuation, or up to the word that introduces a serial or a contact number, which
 * speech recognition writes without a comma ("printer not printing serial number is E P seven…").
 */
const CLAUSE =
  /(?:序列号|机身号|机器编号|串号|\bs\s?\/?\s?n\b|\bserial\b|电话|手机号|号码|座机|\bcall\b|\bring me\b|\breach me\b|\btext me\b|\bcontact\b|\bmy (?:number|cell|mobile|phone number)\b)?[^，。,.;；!！?？\n]+?(?=序列号|机身号|机器编号|串号|\bs\s?\/?\s?n\b|\bserial\b|电话|手机号|号码|座机|\bcall\b|\bring me\b|\breach me\b|\btext me\b|\bcontact\b|\bmy (?:number|cell|mobile|phone number)\b|[，。,.;；!！?？\n]|$)/giu;

interface Clause {
  text: string;
  index: number;
}

export function clausesOf(text: string): Clause[] {
  return [...text.matchAll(CLAUSE)].map((match) => ({ text: match[0], index: match.index }));
}

/**
 * Words that say THAT something is wrong, not WHAT ("交换机坏了", "the server is broken"): such a clause
 * is not a description, and the customer is asked what is wrong.
 */
const ONLY_THAT_IT_FAILS = /坏了|故障|有问题|出问题|报修|维修|broken|faulty|fault|problem|issue|repair/giu;
/** Filler around "坏了" / "broken": what is left after them says what broke ("端口坏了" → "端口"). */
const FILLER =
  /现在|已经|又|突然|了|的|我的?|这个?|那个?|台|全|都|\b(?:now|again|is|it's|it|its|the|my|our|a|an|this|that|has|have|been|got|gone|just|completely|totally|really|so|all|and)\b/giu;
const MEANINGFUL = /[\p{L}\p{N}]/gu;

export function meaningfulLength(text: string): number {
  return text.match(MEANINGFUL)?.length ?? 0;
}

const ONLY_ONE_FAILURE = new RegExp(ONLY_THAT_IT_FAILS.source, 'iu');

/**
 * The part named between the product and "坏了": "交换机端口坏了" → "端口"; nothing for "我们办公室的打印
 * 机坏了", "the printer in our office is broken" or "Our PowerEdge server is broken".
 */
function whatBroke(left: string, productOffset: number): string {
  let end = productOffset;
  while (end < left.length && left[end] === ' ') end++;
  const after = left.slice(end);
  const failure = after.search(ONLY_ONE_FAILURE);
  if (failure < 0) return '';
  const between = after.slice(0, failure).replace(FILLER, ' ').replace(/^'s\b/, '').trim();
  // Chinese names the part right before "坏了"; English words there are as often a place or a model.
  return /^\p{Script=Han}{2,}$/u.test(between) ? between : '';
}

/** Model names and numbers ("ThinkPad", "X1", "T14"): they name the unit, they say nothing about it. */
const MODEL = /\b[A-Za-z]*\d[\w-]*|\b[A-Z][\w-]*/gu;

/** What a clause says beyond "it is broken": "主板坏了" → "主板", "现在坏了" → "", "我的ThinkPad X1" → "". */
function whatIsSaid(text: string): string {
  return text.replace(MODEL, '').replace(ONLY_THAT_IT_FAILS, '').replace(FILLER, '');
}

/** Clauses that carry facts (purchase, serial, contact), not the fault. */
const FACT_CLAUSE =
  /买|购|验收|入手|到货|收到|到手|用了|使用了|装的|装了|安装|上线|运行了|序列号|机身号|串号|\bs\s?\/?\s?n\b|serial|service tag|bought|purchased|got (?:it|this|the|my|our|on)\b|received|delivered|accepted|installed|went live|\bhad (?:it|this|the|for)\b|owned|\b(?:years?|months?|weeks?) (?:old|ago|back)\b|电话|手机号|号码|座机|\bphone\b|call me|contact|\bmy (?:number|cell|mobile)\b|联系/iu;

/**
 * The clauses that carry a description keyword or a known symptom ("…，开不了机" → "开不了机"), judged on
 * `rest`, the text with the facts already read blanked out, so the product's own name ("打印机" holds
 * the keyword "打印") or a date is no symptom.
 */
export function describedClauses(
  text: string,
  rest: string,
  slot: Slot,
  isSymptom?: (text: string) => boolean,
): Found<string> | null {
  const words = [...(slot.keywords?.zh ?? []), ...(slot.keywords?.en ?? [])];
  if (words.length === 0 && !isSymptom) return null;
  const judged = rest.length === text.length ? rest : text;
  const hits: Array<{ text: string; start: number; end: number }> = [];
  for (const clause of clausesOf(text)) {
    // "电池保修多久？" names a part, but asks about the warranty: no fault is described.
    if (asksAboutWarranty(clause.text)) continue;
    const left = judged.slice(clause.index, clause.index + clause.text.length);
    if ((words.length > 0 && findKeyword(left, words)) || isSymptom?.(left)) {
      const own = clause.text.trim();
      if (own) hits.push({ text: own, start: clause.index, end: clause.index + clause.text.length });
    }
  }
  if (hits.length === 0) return null;
  return { value: hits.map((hit) => hit.text).join(', '), start: hits[0]!.start, end: hits.at(-1)!.end };
}

/** Courtesy and filler, never a description: "谢谢", "麻烦了", "please help". */
const COURTESY =
  /^(?:谢谢|多谢|麻烦(?:了|你们)?|请(?:帮忙|尽快)?|急|help|please(?: help)?|thanks?(?: you)?|pls|asap)[!！。.]*$/iu;

/** A description of its own: no fact, no warranty question, no courtesy, and more than "it broke". */
function describes(own: string, left: string): boolean {
  if (FACT_CLAUSE.test(own) || asksAboutWarranty(own) || COURTESY.test(own.trim())) return false;
  return meaningfulLength(left) >= 2 && meaningfulLength(whatIsSaid(left)) >= 2;
}

/**
 * "router is about six months old lights are off": the purchase is said in the product's clause and
 * what is wrong after it, without a comma. The part after the last fact read (blanked in `left`, a run
 * of spaces) is the description when it is one.
 */
function afterTheFact(own: string, left: string): string | undefined {
  const gap = [...left.matchAll(/ {3,}/g)].at(-1);
  if (!gap) return undefined;
  const from = gap.index + gap[0].length;
  const tail = own.slice(from).trim();
  const tailLeft = left.slice(from);
  // What is left of a date read only in part ("on Prime Day", "this year") describes nothing.
  if (!tail || DATE_LEFTOVER.test(tail) || /\p{Nd}/u.test(tail)) return undefined;
  return describes(tail, tailLeft) ? tail : undefined;
}

const DATE_LEFTOVER =
  /^(?:on|in|at|during|before|after|since|this|last|next|day|days|year|years|month|months|week|weeks|ago|old|back)\b|^[年月日号周天前后]/iu;

/**
 * What is wrong, read from the clause that names the product ("路由器每天晚上都掉线", "the router's
 * lights are all off", "台式电脑特别慢，硬盘灯一直亮着"), merged with what the symptom words found. A
 * clause that only says THAT it is broken, or carries a fact (purchase, serial, contact), is left out,
 * so the customer is still asked what is wrong; a fact clause may be followed by the description, in
 * the clause after it or in its own last words.
 */
export function describedAroundProduct(
  text: string,
  rest: string,
  productAt: number,
  found: string | undefined,
): string | undefined {
  const clause = clausesOf(text).find(
    (candidate) => candidate.index <= productAt && productAt < candidate.index + candidate.text.length,
  );
  if (!clause) return found;
  const own = clause.text.trim();
  const left = rest.slice(clause.index, clause.index + clause.text.length);
  if (asksAboutWarranty(own)) return found;
  if (FACT_CLAUSE.test(own) && !found)
    return afterTheFact(clause.text, left) ?? nextClause(text, rest, clause.index + clause.text.length);
  // "我的打印机，序列号 H P 七七…，打不出来": a clause with nothing but the product; the next one says it.
  if (meaningfulLength(whatIsSaid(left)) === 0)
    return found ?? nextClause(text, rest, clause.index + clause.text.length);
  if (FACT_CLAUSE.test(own) || COURTESY.test(own) || meaningfulLength(left) < 2) return found;
  // "笔记本坏了" says only THAT it broke; "交换机端口坏了" says what.
  if (ONLY_ONE_FAILURE.test(own) && meaningfulLength(whatBroke(left, productAt - clause.index)) < 2)
    return found;
  const known = found ? found.split(', ') : [];
  if (known.includes(own)) return found;
  const value = [own, ...known].join(', ');
  return meaningfulLength(value) >= 4 ? value : found;
}

/**
 * "投影仪买了不到一年，画面发黄": the product sits in the purchase clause, so what is wrong is said in
 * the clause right after it, when that one is not a fact, a courtesy or a warranty question either.
 */
function nextClause(text: string, rest: string, from: number): string | undefined {
  const next = clausesOf(text).find((clause) => clause.index >= from);
  if (!next) return undefined;
  const own = next.text.trim();
  const left = rest.slice(next.index, next.index + next.text.length);
  if (FACT_CLAUSE.test(own)) return afterTheFact(next.text, left);
  return describes(own, left) ? own : undefined;
}
