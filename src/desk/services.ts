/** The engine's services (src/engine/services.ts), built from Redis, the queues, the policy and the KB. */
import type { ClientContext, Redis, Result } from 'ioredis';
import { DateTime } from 'luxon';
import { createContractStore } from '../cases/contract-store.js';
import { createKbStore } from '../cases/kb-store.js';
import { staffOnDuty } from '../cases/presence.js';
import type { RecordReader } from '../cases/record-reader.js';
import type { Case } from '../cases/types.js';
import type { Clock } from '../clock.js';
import { keySpace } from '../conversation/keys.js';
import type { EngineServices } from '../engine/services.js';
import { matchFaq, matchRemoteFix } from '../kb/match.js';
import type { KnowledgeBase } from '../kb/schema.js';
import { type BusinessCalendar, createBusinessCalendar } from '../policy/business-calendar.js';
import { formatDate, formatDeadline } from '../policy/format.js';
import type { Policy } from '../policy/schema.js';
import { promiseDeadline, warningAt } from '../policy/sla.js';
import type { Lang } from '../port/messages.js';
import type { SupportQueues } from '../queues/queues.js';
import { isCluster } from '../redis/connect.js';
import { createLiveKnowledgeBase } from './live-kb.js';

export interface ServiceDeps {
  redis: Redis;
  keyPrefix: string;
  policy: Policy;
  kb: KnowledgeBase;
  queues: SupportQueues;
  clock: Clock;
  phoneRegion: string;
  followUpDelayHours: number;
  reopenWithinDays: number;
  /** The record, for the customer's cases that left Redis. */
  record?: RecordReader;
}

/** "SR-2611-0042": the year and month the case was opened (service time zone), then a counter. */
export function formatCaseRef(period: string, n: number): string {
  return `SR-${period}-${String(n).padStart(4, '0')}`;
}

/** Template values every text may use: contact details and the paid-repair terms from the policy. */
export function policyTemplateValues(policy: Policy): Record<string, unknown> {
  const { contact, paid_repair_terms: paid } = policy;
  const terms = (lang: Lang) =>
    `${paid.intro[lang]}\n${paid.terms.map((term, n) => `${n + 1}. ${term.text[lang]}`).join('\n')}`;
  return {
    contact: {
      service_name: contact.service_name,
      phone: contact.phone,
      fax: contact.fax,
      fax_email: contact.fax_email,
      email: contact.email,
      remote_session: contact.remote_session,
      hours: contact.hours_text,
      hours_text: contact.hours_text,
    },
    policy: { paid_terms: { zh: terms('zh'), en: terms('en') } },
  };
}

/** KEYS: the reference kept for a key, the month's counter. The same key gets the same number for a week. */
const CASE_NUMBER = `
local kept = redis.call('GET', KEYS[1])
if kept then return kept end
local n = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], n, 'EX', 604800)
return n
`;

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext = { type: 'default' }> {
    sbCaseNumber(numberKey: string, sequenceKey: string): Result<string | number, Context>;
  }
}

/**
 * CASE_NUMBER on a Redis Cluster, where its two keys sit in different slots: the same steps as separate
 * commands. Two turns racing for one key may use up a number (a gap in the month's sequence), never
 * give two cases the same one: INCR is atomic and only the SET NX winner's number is kept.
 */
async function clusterCaseNumber(redis: Redis, numberKey: string, sequenceKey: string): Promise<number> {
  const kept = await redis.get(numberKey);
  if (kept) return Number(kept);
  const n = await redis.incr(sequenceKey);
  if (await redis.set(numberKey, n, 'EX', 604_800, 'NX')) return n;
  return Number(await redis.get(numberKey));
}

/** This customer's cases: Redis first, then (past HOT_DAYS) the record. */
async function readCases(deps: ServiceDeps, customerId: string, refs: string[]): Promise<Case[]> {
  const keys = keySpace(deps.keyPrefix);
  if (refs.length === 0) return [];
  const base = keys.customer(customerId);
  const values = await deps.redis.mget(refs.map((ref) => `${base}case:${ref}`));
  const hot = values
    .filter((value): value is string => value !== null)
    .map((value) => JSON.parse(value) as Case);
  if (!deps.record || hot.length === refs.length) return hot;
  // A case past HOT_DAYS is still the customer's: the record answers for it (their own cases only).
  const found = new Map(hot.map((kase) => [kase.ref, kase]));
  // PostgreSQL away must not fail the customer's turn: the answer then covers the hot cases.
  const cold = await deps.record
    .cases(
      refs.filter((ref) => !found.has(ref)),
      customerId,
    )
    .catch(() => []);
  for (const kase of cold) found.set(kase.ref, kase);
  return refs.flatMap((ref) => found.get(ref) ?? []);
}

export function createEngineServices(deps: ServiceDeps): EngineServices & { calendar: BusinessCalendar } {
  const keys = keySpace(deps.keyPrefix);
  if (typeof (deps.redis as Partial<Redis>).sbCaseNumber !== 'function') {
    deps.redis.defineCommand('sbCaseNumber', { numberOfKeys: 2, lua: CASE_NUMBER });
  }
  const timezone = deps.policy.hours.timezone;
  const calendar = createBusinessCalendar(deps.policy.hours);
  const templates = policyTemplateValues(deps.policy);
  const contracts = createContractStore(deps.redis, deps.keyPrefix);
  const kb = createLiveKnowledgeBase(deps.kb, createKbStore(deps.redis, deps.keyPrefix));
  return {
    calendar,
    policy: deps.policy,
    timezone,
    phoneRegion: deps.phoneRegion,
    followUpDelayMs: deps.followUpDelayHours * 3600_000,
    reopenWithinMs: deps.reopenWithinDays * 24 * 3600_000,

    async newCaseRef(now, key) {
      const period = DateTime.fromJSDate(now, { zone: timezone }).toFormat('yyMM');
      const numberKey = `${keys.prefix}:case-for:${key}`;
      const n = isCluster(deps.redis)
        ? await clusterCaseNumber(deps.redis, numberKey, keys.caseSequence(period))
        : await deps.redis.sbCaseNumber(numberKey, keys.caseSequence(period));
      return formatCaseRef(period, Number(n));
    },

    contractsFor: (customerId, serial) => contracts.forUnit(customerId, serial),

    async planPromise({ team, priority, kind, now, targetMinutes }) {
      const [waitingAhead, onDuty] = await Promise.all([
        deps.queues.waitingCount(team),
        staffOnDuty(deps.redis, deps.keyPrefix, team, now),
      ]);
      const promise = promiseDeadline(
        {
          now,
          priority,
          kind: kind === 'resolution' ? 'resolution' : 'first_response',
          waitingAhead,
          staffOnDuty: onDuty,
          ...(targetMinutes ? { targetMinutes } : {}),
        },
        deps.policy,
        calendar,
      );
      // Promises are told to the minute; never promise earlier than the computed time.
      const due = new Date(Math.ceil(promise.due.getTime() / 60_000) * 60_000);
      return {
        due,
        warnAt: warningAt(now, due, deps.policy, calendar),
        openNow: promise.openNow,
        backAt: promise.backAt,
      };
    },

    readCases: (customerId, refs) => readCases(deps, customerId, refs),
    // PostgreSQL away must not fail the customer's turn: the decision then rests on the hot cases.
    recordedRepairs: async (serial) => (await deps.record?.repairsOf?.(serial).catch(() => [])) ?? [],

    formatDeadline: (at, lang) => formatDeadline(at, lang, timezone),
    formatDate: (isoDate, lang) => formatDate(isoDate, lang),
    templateValues: () => templates,

    knowledgeBase: () => kb.fresh(),

    matchFaq(text) {
      const match = matchFaq(kb.current(), text);
      return match ? { id: match.faq.id, answer: match.faq.answer } : null;
    },

    symptomScore(text) {
      return matchRemoteFix(kb.current(), text, { limit: 1 })[0]?.score ?? 0;
    },

    businessHours(now) {
      const open = calendar.isOpen(now);
      return { open, backAt: open ? null : calendar.nextOpen(now) };
    },
  };
}
