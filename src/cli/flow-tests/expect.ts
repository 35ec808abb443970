/**
 * Compares what the bot did in one turn with what a transcript step expects. Pure: the runner hands in
 * the observed turn; every difference comes back as one sentence a support manager can act on
 * ("reply should contain "摔落" but was: …").
 */
import type { Case } from '../../cases/types.js';
import type { CaseView, SessionView } from '../../desk/views.js';
import type { TurnSignals } from '../../engine/turn.js';
import type { Reply } from '../../port/messages.js';
import type { CaseExpect, TurnExpect } from './schema.js';

/** What the bot did in one turn, as the runner saw it. */
export interface ObservedTurn {
  replies: Reply[];
  session: SessionView;
  case: CaseView | null;
  /** The whole stored case (consent, follow-up, escalation reason), when there is one. */
  storedCase: Case | null;
  signals: TurnSignals;
}

/** One difference: which expectation (`reply_contains`, `case`…) and what differed. */
export interface Mismatch {
  key: keyof TurnExpect;
  message: string;
}

/** Longest reply text quoted in a message; a whole troubleshooting list would bury the point. */
const QUOTE_LIMIT = 300;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The replies of a turn as one line, shortened for a failure message. */
export function quoteReplies(replies: readonly Reply[]): string {
  if (replies.length === 0) return '(no reply)';
  const joined = squash(replies.map((reply) => reply.text).join(' ⏎ '));
  return joined.length > QUOTE_LIMIT ? `${joined.slice(0, QUOTE_LIMIT)}…` : joined;
}

function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  return JSON.stringify(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Does an actual value satisfy an expected one? Objects are compared on the fields written only, a
 * date slot (`{date, precision}`) equals its `date`, and `null` means "not filled".
 */
export function valueMatches(expected: unknown, actual: unknown): boolean {
  if (expected === null) return isEmpty(actual);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, n) => valueMatches(item, actual[n]))
    );
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([key, value]) =>
      valueMatches(value, (actual as Record<string, unknown>)[key]),
    );
  }
  if (typeof expected === 'string' && actual !== null && typeof actual === 'object' && 'date' in actual) {
    return expected === (actual as { date: unknown }).date;
  }
  return Object.is(expected, actual);
}

function slotHint(expected: unknown, actual: unknown): string {
  if (typeof actual === 'boolean' && typeof expected === 'string') {
    return ' (yes/no slots hold true or false)';
  }
  if (typeof actual === 'number' && typeof expected === 'string') return ' (write the number without quotes)';
  return '';
}

/** "2026-11-30T04:30:00.000Z" shown with the offset the transcript used ("+08:00"), for easy comparison. */
export function formatInstant(iso: string, like: string): string {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(like);
  if (!offset) return new Date(iso).toISOString();
  const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  const shifted = new Date(new Date(iso).getTime() + minutes * 60_000).toISOString().slice(0, 19);
  return `${shifted}${offset[0]}`;
}

function checkCase(expected: CaseExpect, observed: ObservedTurn, problems: string[]): void {
  const view = observed.case;
  if (!view) {
    problems.push(`there should be a case but there is none`);
    return;
  }
  const stored = observed.storedCase;
  const field = (name: string, want: unknown, got: unknown) => {
    if (want !== undefined && !valueMatches(want, got)) {
      problems.push(`case ${name} should be ${show(want)} but was ${show(got)}`);
    }
  };
  field('ref', expected.ref, view.ref);
  field('status', expected.status, view.status);
  field('priority', expected.priority, view.priority);
  field('team', expected.team, view.team);
  field('owner', expected.owner, view.owner);
  field('warranty', expected.warranty, view.warranty?.decision ?? null);
  field('warranty_rule', expected.warranty_rule, view.warranty?.rule ?? null);
  field('quote', expected.quote, stored?.quote?.status ?? null);
  if (expected.deadline_set !== undefined && (view.deadline !== null) !== expected.deadline_set) {
    problems.push(
      expected.deadline_set
        ? 'case should have a promised reply deadline but has none'
        : `case should have no promised reply deadline but has one (${view.deadline})`,
    );
  }
  if (expected.deadline !== undefined) {
    const want = new Date(expected.deadline).getTime();
    if (view.deadline === null) {
      problems.push(`case deadline should be ${expected.deadline} but no deadline was promised`);
    } else if (new Date(view.deadline).getTime() !== want) {
      problems.push(
        `case deadline should be ${expected.deadline} but was ${formatInstant(view.deadline, expected.deadline)}`,
      );
    }
  }
  if (expected.remote_consent !== undefined) {
    const granted = stored?.consent.remoteSession?.granted === true;
    if (granted !== expected.remote_consent) {
      problems.push(
        expected.remote_consent
          ? 'case should record the remote-session consent but does not'
          : 'case should not record a remote-session consent but does',
      );
    }
  }
  if (expected.followup_scheduled !== undefined) {
    const scheduled = Boolean(stored?.followUp?.scheduledFor);
    if (scheduled !== expected.followup_scheduled) {
      problems.push(
        expected.followup_scheduled
          ? 'case should have a follow-up scheduled but has none'
          : `case should have no follow-up but one is scheduled for ${stored?.followUp?.scheduledFor}`,
      );
    }
  }
  for (const flag of expected.flags ?? []) {
    if (!stored?.flags.includes(flag)) {
      problems.push(`case should be flagged ${show(flag)} but its flags are ${show(stored?.flags ?? [])}`);
    }
  }
  if (expected.appointment_start !== undefined) {
    const start = stored?.appointment?.window.start ?? null;
    if (
      expected.appointment_start === null
        ? start !== null
        : start === null || Date.parse(start) !== Date.parse(expected.appointment_start)
    ) {
      problems.push(
        `case appointment should start at ${show(expected.appointment_start)} but is ${show(start)}`,
      );
    }
  }
  for (const words of expected.reason_contains ?? []) {
    const reason = stored?.escalationReason ?? '';
    if (!squash(reason).toLowerCase().includes(squash(words).toLowerCase())) {
      problems.push(`case escalation reason should contain ${show(words)} but was ${show(reason || null)}`);
    }
  }
}

/**
 * Every difference between a step's expectations and the observed turn, in the order the keys are
 * documented. `fill` resolves `{{ref}}` placeholders in expected texts.
 */
export function compareTurn(
  expected: TurnExpect,
  observed: ObservedTurn,
  fill: (text: string) => string = (text) => text,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const add = (key: keyof TurnExpect, message: string) => mismatches.push({ key, message });
  const replyText = observed.replies.map((reply) => reply.text).join('\n');
  const haystack = squash(replyText).toLowerCase();
  const was = quoteReplies(observed.replies);

  for (const raw of expected.reply_contains ?? []) {
    const words = fill(raw);
    if (!haystack.includes(squash(words).toLowerCase())) {
      add('reply_contains', `reply should contain ${show(words)} but was: ${was}`);
    }
  }
  for (const raw of expected.reply_not_contains ?? []) {
    const words = fill(raw);
    if (haystack.includes(squash(words).toLowerCase())) {
      add('reply_not_contains', `reply should not contain ${show(words)} but was: ${was}`);
    }
  }
  for (const raw of expected.reply_matches ?? []) {
    const pattern = fill(raw);
    if (!new RegExp(pattern, 'iu').test(replyText)) {
      add('reply_matches', `reply should match /${pattern}/ but was: ${was}`);
    }
  }
  if (expected.choices !== undefined) {
    const offered = observed.replies.flatMap((reply) => reply.choices ?? []);
    if (!valueMatches(expected.choices, offered)) {
      add('choices', `choices should be ${show(expected.choices)} but were ${show(offered)}`);
    }
  }
  if (expected.no_reply === true && observed.replies.length > 0) {
    add('no_reply', `the bot should stay quiet but said: ${was}`);
  }
  if (expected.no_reply === false && observed.replies.length === 0) {
    add('no_reply', 'the bot should reply but said nothing');
  }
  for (const [name, want] of Object.entries(expected.slots ?? {})) {
    const got = observed.session.slots[name];
    if (!valueMatches(want, got)) {
      add('slots', `slot ${name} should be ${show(want)} but was ${show(got)}${slotHint(want, got)}`);
    }
  }
  if (expected.flow !== undefined && expected.flow !== observed.session.flow) {
    add('flow', `flow should be ${show(expected.flow)} but was ${show(observed.session.flow)}`);
  }
  if (expected.step !== undefined && expected.step !== observed.session.step) {
    add('step', `step should be ${show(expected.step)} but was ${show(observed.session.step)}`);
  }
  if (expected.lang !== undefined && expected.lang !== observed.session.lang) {
    add('lang', `language should be ${expected.lang} but was ${observed.session.lang}`);
  }
  if (expected.case === null && observed.case !== null) {
    add('case', `there should be no case but there is ${observed.case.ref} (${observed.case.status})`);
  } else if (expected.case) {
    const problems: string[] = [];
    checkCase(
      { ...expected.case, ...(expected.case.ref ? { ref: fill(expected.case.ref) } : {}) },
      observed,
      problems,
    );
    for (const problem of problems) add('case', problem);
  }
  if (expected.escalated !== undefined && Boolean(observed.signals.escalated) !== expected.escalated) {
    add(
      'escalated',
      expected.escalated
        ? 'the case should be escalated in this turn but was not'
        : `the case should not be escalated in this turn but went to ${observed.signals.escalated?.team}`,
    );
  }
  if (expected.handoff !== undefined && Boolean(observed.signals.handoff) !== expected.handoff) {
    add(
      'handoff',
      expected.handoff
        ? 'the call should be put through to a person but was not'
        : 'the call should stay with the bot',
    );
  }
  return mismatches;
}
