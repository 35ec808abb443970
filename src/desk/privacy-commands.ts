/**
 * Customers' personal data on request and over time, run in the customer's inbox like every change:
 *
 * - `privacy.erase`: everything that identifies the customer goes — their addresses, name, products,
 *   sessions, transcript, and the words and places in their cases — while each case stays as an
 *   anonymised trace (dates, status, team, priority, promises, warranty decision, costs) so the KPIs
 *   still count it.
 * - `privacy.purge_case`: a closed case past the retention period loses its transcript lines and its
 *   personal fields the same way; the anonymised trace stays.
 */
import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { SlotWrite } from '../conversation/inbox.js';
import { conversationKeyOf, slotKeys } from '../conversation/keys.js';
import { slotWrites } from './customer-slot.js';
import type { CommandContext, CommandHandler, Desk } from './desk.js';

const ERASED = 'erased';

/** The case without what identifies its customer: the trace KPIs need stays. */
export function anonymisedCase(kase: Case, at: string): Case {
  const route = { channel: kase.route.channel, identity: ERASED, address: ERASED };
  return {
    ...kase,
    origin: { channel: kase.origin.channel, identity: ERASED, address: ERASED },
    route,
    summary: '',
    slots: {},
    ...(kase.record
      ? {
          record: {
            ...kase.record,
            faultReported: '',
            faultFound: '',
            cause: '',
            actions: '',
            ...(kase.record.findings ? { findings: [] } : {}),
            ...(kase.record.confirmation
              ? { confirmation: { state: kase.record.confirmation.state, at: kase.record.confirmation.at } }
              : {}),
          },
        }
      : {}),
    ...(kase.followUp ? { followUp: { ...kase.followUp, comment: undefined } } : {}),
    ...(kase.appointment?.change
      ? { appointment: { ...kase.appointment, change: { ...kase.appointment.change, text: '' } } }
      : {}),
    flags: [...new Set([...kase.flags, 'anonymised'])],
    updatedAt: at,
  } as Case;
}

async function casesOf(ctx: CommandContext, refs: readonly string[]): Promise<Case[]> {
  const { redis, keys } = ctx.deps;
  if (refs.length === 0) return [];
  const base = keys.customer(ctx.state.customerId);
  const raw = await redis.mget(refs.map((ref) => `${base}${slotKeys.case(ref)}`));
  return raw.filter((value): value is string => value !== null).map((value) => JSON.parse(value) as Case);
}

const erase: CommandHandler = async (ctx) => {
  const profile = ctx.profile as CustomerProfile | null;
  if (!profile) return { result: { erased: false, cases: 0 }, writes: [] };
  const at = ctx.now.toISOString();
  const cases = await casesOf(ctx, profile.cases);
  const writes: SlotWrite[] = [
    ...cases.map((kase) => slotWrites.case(anonymisedCase(kase, at))),
    ...profile.identities.map(
      (identity): SlotWrite => ['del', slotKeys.session(conversationKeyOf(identity))],
    ),
    ['del', slotKeys.log],
    slotWrites.profile({
      id: profile.id,
      identities: [],
      lang: profile.lang,
      products: [],
      cases: profile.cases,
      optedOut: [],
      createdAt: profile.createdAt,
      updatedAt: at,
    }),
  ];
  // Opt-outs are kept on the global list: erasing a customer must not let messages reach them again.
  return { result: { erased: true, cases: cases.length, identities: profile.identities }, writes };
};

const purgeCase: CommandHandler = async (ctx) => {
  const kase = ctx.case;
  if (kase?.status !== 'closed' || kase.flags.includes('anonymised'))
    return { result: { purged: false }, writes: [] };
  const { redis, keys } = ctx.deps;
  const at = ctx.now.toISOString();
  const log = await redis.lrange(`${keys.customer(ctx.state.customerId)}${slotKeys.log}`, 0, -1);
  // Only the lines tagged with this case: untagged lines may belong to the customer's other cases.
  const kept = log.filter((line) => (JSON.parse(line) as TranscriptEntry).case !== kase.ref);
  const writes: SlotWrite[] = [slotWrites.case(anonymisedCase(kase, at)), ['del', slotKeys.log]];
  if (kept.length > 0) writes.push(['rpush', slotKeys.log, ...kept]);
  return { result: { purged: true, removed: log.length - kept.length }, writes };
};

export function registerPrivacyCommands(desk: Desk): void {
  desk.register('privacy.erase', erase).register('privacy.purge_case', purgeCase);
}
