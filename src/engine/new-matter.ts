/**
 * After a case is resolved, the customer's next report may be about something else: another product,
 * another unit, or a different fault. That opens a NEW case that names the old one, instead of
 * re-opening the resolved case (whose summary and warranty decision belong to the first product).
 * The same fault again ("还是卡纸", "it's jamming again") still re-opens the case.
 */
import { isActive } from '../cases/lifecycle.js';
import type { Case } from '../cases/types.js';
import type { Slot } from '../flows/schema.js';
import { slotContext } from './runner.js';
import { restartSession } from './session.js';
import { fillSlots } from './slots.js';
import type { Turn } from './turn.js';

/** Words that say it is the same problem again. */
const AGAIN =
  /又|还是|仍然|依然|再次|再一次|老问题|同样的问题|\bstill\b|\bagain\b|same (?:problem|issue|fault)/iu;

/** Particles that say nothing about the fault ("我的…了"). */
const FILLER = /[我你您他她它的了吗呢啊吧呀也都就还又很太这那个]/gu;

/** Two-character pieces of Chinese and whole Latin words: enough to tell "卡纸" from "开不了机". */
function pieces(text: string, names: readonly string[]): Set<string> {
  let plain = text.toLowerCase();
  for (const name of names) plain = plain.split(name).join(' ');
  const out = new Set<string>();
  for (const run of plain.replace(FILLER, ' ').match(/\p{Script=Han}+|[a-z]{3,}/gu) ?? []) {
    if (/^[a-z]/.test(run)) out.add(run);
    else for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

/** The product names of the fault flow: "打印机" in both reports says nothing about the fault. */
function productNames(slot: Slot | undefined): string[] {
  const names = (slot?.choices ?? []).flatMap((choice) => [
    choice.label.zh,
    choice.label.en,
    ...(choice.synonyms?.zh ?? []),
    ...(choice.synonyms?.en ?? []),
  ]);
  return names.map((name) => name.toLowerCase()).sort((a, b) => b.length - a.length);
}

function sameFault(symptom: string, before: string, names: readonly string[]): boolean {
  const known = pieces(before, names);
  return [...pieces(symptom, names)].some((piece) => known.has(piece));
}

function differs(found: Record<string, unknown>, kase: Case, name: string): boolean {
  const now = found[name];
  const then = kase.slots[name];
  return (
    now !== undefined &&
    then !== undefined &&
    String(now).trim().toUpperCase() !== String(then).trim().toUpperCase()
  );
}

/** The message reports another product, another unit, or a different fault than the resolved case. */
export function isNewMatter(turn: Turn, kase: Case): boolean {
  const flow = turn.bundle.flows.get(turn.bundle.bot.understanding.fault_flow);
  if (!flow || isActive(kase.status)) return false;
  const found = fillSlots(flow.slots, {}, turn.text, [], slotContext(turn)).filled;
  if (differs(found, kase, 'serial') || differs(found, kase, 'product')) return true;
  if (typeof found.symptom !== 'string' || AGAIN.test(turn.text)) return false;
  const before = typeof kase.slots.symptom === 'string' ? kase.slots.symptom : kase.summary;
  return !sameFault(found.symptom, before, productNames(flow.slots.product));
}

/**
 * Leaves the resolved case behind for this message: the conversation starts afresh and the case the
 * fault flow opens will name the old one (`Case.follows`).
 */
export function leaveResolvedCase(turn: Turn, isAcknowledgement: boolean): void {
  const kase = turn.case;
  if (!kase || isAcknowledgement || !turn.recentlyResolved(kase) || !isNewMatter(turn, kase)) return;
  turn.session = { ...restartSession(turn.session, turn.nowIso), caseRef: null };
  turn.case = null;
  turn.follows = kase.ref;
}
