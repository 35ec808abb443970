/**
 * `record.evict_case`: a finished case (closed, or resolved) leaves Redis HOT_DAYS after it finished,
 * once the record holds its latest state (src/record/hot-days.ts finds such cases and names the state the record has). Run in
 * the customer's inbox like every change, so nothing else of the customer moves meanwhile:
 *
 * - in the customer's slot: the case, its transcript lines, and any session still pointing at it;
 * - outside it: the reference index, the case list entry, the audit trail, the delivery states and
 *   provider ids of its messages, its notices in staff notification lists, and its finished queue jobs.
 *
 * The case's reference stays in its customer's list of cases (≈ 15 bytes): it is how the bot still
 * knows the case is theirs — a status question, the 三包 repair count — and finds it in the record.
 * Everything recorded stays in the record; what was not yet recorded is still on the record streams,
 * which this never touches.
 */
import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { SlotWrite } from '../conversation/inbox.js';
import { conversationKeyOf, slotKeys } from '../conversation/keys.js';
import { restartSession, type Session } from '../engine/session.js';
import { unlinkAll } from '../redis/slots.js';
import { ownerOf } from './customer-slot.js';
import type { CommandContext, CommandHandler, Desk } from './desk.js';

export const EVICT_KIND = 'record.evict_case';

export interface EvictPayload {
  ref: string;
  /** The case's `updatedAt` as the record holds it: a case changed since is not evicted. */
  recordedUpdatedAt: string;
}

/** Lines of the case: tagged with it, or untagged in a conversation only it claims. */
function caseLines(kase: Case, others: Case[], log: string[]): Set<number> {
  const claimedElsewhere = new Set(others.flatMap((other) => other.conversations));
  const own = new Set(kase.conversations.filter((conv) => !claimedElsewhere.has(conv)));
  const found = new Set<number>();
  log.forEach((line, n) => {
    const entry = JSON.parse(line) as TranscriptEntry;
    if (entry.case === kase.ref || (!entry.case && entry.conv && own.has(entry.conv))) found.add(n);
  });
  return found;
}

/** Removes the case's keys outside the customer's slot (all idempotent: a retry removes nothing twice). */
async function dropGlobalKeys(ctx: CommandContext, kase: Case, messageIds: string[]): Promise<void> {
  const { redis, keyPrefix: prefix } = ctx.deps;
  const states = messageIds.length
    ? await Promise.all(messageIds.map((id) => ctx.deps.deliveries.get(id)))
    : [];
  const providerIds = states.flatMap((state) => (state?.providerId ? [state.providerId] : []));
  await unlinkAll(redis, [
    `${prefix}:caseref:${kase.ref}`,
    `${prefix}:audit:${kase.ref}`,
    ...messageIds.flatMap((id) => [`${prefix}:delivery:${id}`, `${prefix}:outbox-msg:${id}`]),
    ...providerIds.map((id) => `${prefix}:provider-msg:${id}`),
  ]);
  await redis.zrem(`${prefix}:cases`, kase.ref);
  const teams = new Set([...kase.promises.map((promise) => promise.team), ...(kase.team ? [kase.team] : [])]);
  await ctx.deps.queues.forgetFinishedJobs(kase.ref, [...teams]);
  // Notices about the case in the lists of whoever heard about it.
  const lists = new Set([ownerOf(kase), `team:${kase.team ?? 'support'}`, ...kase.handledBy]);
  for (const to of lists) {
    const key = `${prefix}:notify:${to}`;
    const notices = await redis.lrange(key, 0, -1);
    for (const notice of notices.filter((raw) => raw.includes(`"ref":"${kase.ref}"`)))
      await redis.lrem(key, 0, notice);
  }
}

const evictCase: CommandHandler = async (ctx) => {
  const { ref, recordedUpdatedAt } = ctx.state.item.payload as EvictPayload;
  const kase = ctx.case;
  // Gone from Redis already (evicted before, or Redis was lost): the record only needs to hear it.
  if (!kase || kase.ref !== ref)
    return { result: { evicted: true, hot: false }, writes: [['del', slotKeys.case(ref)]] };
  if ((kase.status !== 'closed' && kase.status !== 'resolved') || kase.updatedAt !== recordedUpdatedAt)
    return { result: { evicted: false, reason: 'changed since it was recorded' }, writes: [] };
  const { redis, keys } = ctx.deps;
  const base = keys.customer(ctx.state.customerId);
  const profile = ctx.profile as CustomerProfile | null;
  const otherRefs = (profile?.cases ?? []).filter((other) => other !== ref);
  const [log, others, sessions] = await Promise.all([
    redis.lrange(`${base}${slotKeys.log}`, 0, -1),
    otherRefs.length ? redis.mget(otherRefs.map((other) => `${base}${slotKeys.case(other)}`)) : [],
    (profile?.identities ?? []).length
      ? redis.mget(
          (profile?.identities ?? []).map((id) => `${base}${slotKeys.session(conversationKeyOf(id))}`),
        )
      : [],
  ]);
  const hotOthers = others.flatMap((raw) => (raw ? [JSON.parse(raw) as Case] : []));
  const lines = caseLines(kase, hotOthers, log);
  const messageIds = [...lines].flatMap((n) => {
    const id = (JSON.parse(log[n]!) as TranscriptEntry).meta?.messageId;
    return typeof id === 'string' ? [id] : [];
  });
  await dropGlobalKeys(ctx, kase, [...new Set(messageIds)]);
  const kept = log.filter((_, n) => !lines.has(n));
  const writes: SlotWrite[] = [
    ['del', slotKeys.case(ref)],
    ['del', slotKeys.log],
  ];
  if (kept.length > 0) writes.push(['rpush', slotKeys.log, ...kept]);
  // A conversation still on the case, or resting after it (its answers still in the session's slots),
  // starts afresh: who the customer is and their language stay, the case's details go.
  (profile?.identities ?? []).forEach((identity, n) => {
    const raw = sessions[n];
    const session = raw ? (JSON.parse(raw) as Session) : null;
    const resting = session && !session.flow && kase.conversations.includes(session.conversationId);
    if (session && (session.caseRef === ref || (resting && session.caseRef === null))) {
      const fresh = restartSession(session, ctx.now.toISOString());
      writes.push(['set', slotKeys.session(conversationKeyOf(identity)), JSON.stringify(fresh)]);
    }
  });
  return { result: { evicted: true, hot: true, lines: lines.size }, writes };
};

export function registerEvictCommands(desk: Desk): void {
  desk.register(EVICT_KIND, evictCase);
}
