/**
 * The narrow context a channel adapter is started with (src/port/channel.ts): submit a message, submit a
 * channel-neutral command, record a delivery report, look up what a live call needs, and the clock,
 * logger, metrics, texts and a store of its own. Built here, on the desk, so a channel never sees Redis
 * keys, cases or the runtime.
 */
import type { Redis } from 'ioredis';
import type { CaseStore } from '../cases/store.js';
import type { TranscriptEntry } from '../cases/types.js';
import { conversationKeyOf, customerIdFor, identityOf, workItemIdOf } from '../conversation/keys.js';
import { interpolate } from '../engine/interpolate.js';
import type { Session } from '../engine/session.js';
import type {
  CallbackRequest,
  CallbackResult,
  ChannelAdapter,
  ChannelContext,
  ChannelStore,
  ConversationLookup,
  DeliveryReport,
  PreferenceResult,
  StaffHandover,
  TransferReport,
} from '../port/channel.js';
import type { Lang, Reply } from '../port/messages.js';
import type { ChannelOrigin, PreferencePayload } from './channel-commands.js';
import { channelFiles } from './channel-files.js';
import { channelLogs } from './channel-logs.js';
import { slotKeys } from './customer-slot.js';
import type { Desk } from './desk.js';
import { linkSamePerson } from './same-person.js';

/** Transcript entries looked at from the end to find the last question asked. */
const TAIL = 50;

export interface ChannelContextDeps {
  desk: Desk;
  cases: CaseStore;
}

/** A JSON key-value store under `P:ch:<channel>:`. */
export function channelStore(redis: Redis, prefix: string, channel: string): ChannelStore {
  const key = (name: string) => `${prefix}:ch:${channel}:${name}`;
  return {
    async get<T>(name: string) {
      const raw = await redis.get(key(name));
      return raw === null ? null : (JSON.parse(raw) as T);
    },
    async set(name, value, ttlSeconds) {
      if (ttlSeconds) await redis.set(key(name), JSON.stringify(value), 'EX', ttlSeconds);
      else await redis.set(key(name), JSON.stringify(value));
    },
    async claim(name, value, ttlSeconds) {
      return (await redis.set(key(name), JSON.stringify(value), 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async delete(name) {
      await redis.del(key(name));
    },
  };
}

/** The state of a delivery after a report: failed parts keep the whole message failed. */
function nextState(report: DeliveryReport, current: string | undefined): 'delivered' | 'failed' | null {
  if (report.state === 'failed') return 'failed';
  if (report.state === 'delivered' && current !== 'failed') return 'delivered';
  return null;
}

/** One channel's view of the desk: its origin and how its addresses map to customers and conversations. */
interface ChannelScope {
  desk: Desk;
  cases: CaseStore;
  adapter: ChannelAdapter;
  origin: ChannelOrigin;
  customerOf(address: string): string;
  conversationOf(address: string): string;
  /** The customer an address belongs to: its own, or the one staff linked it to. */
  linkedCustomer(address: string): Promise<string>;
}

function scopeOf(deps: ChannelContextDeps, adapter: ChannelAdapter): ChannelScope {
  const { desk, cases } = deps;
  const { redis, keys } = desk.deps;
  const customerOf = (address: string) => customerIdFor(identityOf(adapter.kind, address));
  return {
    desk,
    cases,
    adapter,
    origin: { channel: adapter.name, medium: adapter.kind, provider: adapter.provider },
    customerOf,
    conversationOf: (address) => conversationKeyOf(identityOf(adapter.kind, address)),
    async linkedCustomer(address) {
      const own = customerOf(address);
      return (await redis.get(`${keys.customer(own)}${slotKeys.link}`)) ?? own;
    },
  };
}

/** The customer behind a case reference, or the address's own when the case is unknown. */
async function customerForCase(scope: ChannelScope, ref: string, address: string): Promise<string> {
  return (await scope.cases.customerOf(ref)) ?? (await scope.linkedCustomer(address));
}

/**
 * A provider's delivery report: the message's delivery state, an opt-out the provider reports, and
 * (for a case's message) the status on the case's transcript.
 */
async function recordDeliveryReport(scope: ChannelScope, report: DeliveryReport): Promise<boolean> {
  const { desk, origin, adapter } = scope;
  const { deliveries, clock } = desk.deps;
  const entry =
    (await deliveries.byProviderId(report.providerId)) ??
    (report.messageId ? await deliveries.byMessageId(report.messageId) : null);
  if (!entry) return false;
  const current = await deliveries.get(entry.messageId);
  const state = nextState(report, current?.state);
  if (state && current?.state !== state) {
    await deliveries.update(entry.messageId, {
      state,
      providerId: report.providerId,
      at: clock.now().toISOString(),
      ...(report.code ? { code: report.code } : {}),
    });
  }
  const code = report.code ? { code: report.code } : {};
  if (report.optedOut) {
    const payload: PreferencePayload = {
      ...origin,
      kind: 'opt_out',
      address: entry.to,
      source: 'provider',
      ...code,
    };
    await desk.command(entry.customerId, 'channel.preference', payload, {
      id: `optout-${report.providerId}`,
      conversation: scope.conversationOf(entry.to),
    });
  }
  if (report.state !== 'progress' && entry.caseRef) {
    await desk.command(
      entry.customerId,
      'delivery.status',
      {
        messageId: entry.messageId,
        status: report.status,
        failed: report.state === 'failed',
        channel: adapter.name,
        ...code,
      },
      { id: `status-${report.providerId}-${report.status}`, caseRef: entry.caseRef },
    );
  }
  return true;
}

/** Something for staff: a case for the sender, or (no sender) a note on the team's list. */
async function handToStaff(scope: ChannelScope, handover: StaffHandover): Promise<{ ref: string | null }> {
  const { desk, adapter, origin } = scope;
  if (!handover.address) {
    // Nobody to open a case for (a message without a readable sender): the team's list says where it is.
    await desk.runEffects([
      {
        type: 'notify_staff',
        ref: '',
        to: `team:${handover.team ?? 'support'}`,
        text: `${adapter.name}: ${handover.reason} — ${handover.summary}`,
      },
    ]);
    return { ref: null };
  }
  const result = await desk.command<{ ref: string }>(
    await scope.linkedCustomer(handover.address),
    'channel.handover',
    { ...origin, ...handover },
    { id: `handover-${handover.providerId}` },
  );
  return { ref: result.ref };
}

/** Language and the question still open for the customer behind an address (a call resumes it). */
async function lookUp(scope: ChannelScope, address: string): Promise<ConversationLookup> {
  const { redis, keys, clock, bundle } = scope.desk.deps;
  const customerId = await scope.linkedCustomer(address);
  const base = keys.customer(customerId);
  const [rawProfile, rawSession] = await redis.mget(
    `${base}${slotKeys.profile}`,
    `${base}${slotKeys.session(scope.conversationOf(address))}`,
  );
  const session = rawSession ? (JSON.parse(rawSession) as Session) : null;
  const profileLang = rawProfile ? (JSON.parse(rawProfile) as { lang?: Lang }).lang : undefined;
  const lang: Lang = session?.lang ?? profileLang ?? 'zh';
  const found: ConversationLookup = { customerId, lang, pending: null };
  const idleMs = bundle.bot.session_idle_hours * 3600_000;
  const fresh = session && clock.now().getTime() - new Date(session.updatedAt).getTime() < idleMs;
  const slot = session?.asked[0];
  if (!session || !fresh || !session.flow || !slot) return found;
  const tail = await redis.lrange(`${base}${slotKeys.log}`, -TAIL, -1);
  const asked = tail
    .map((line) => JSON.parse(line) as TranscriptEntry)
    .findLast(
      (entry) => entry.kind === 'out' && entry.author === 'bot' && entry.conv === session.conversationId,
    );
  if (!asked) return found;
  const type = bundle.flows.get(session.flow)?.slots[slot]?.type ?? 'text';
  const choices = Array.isArray(asked.meta?.choices) ? (asked.meta.choices as string[]) : undefined;
  const pending: Reply = { text: asked.text, ...(choices ? { choices } : {}), expects: { slot, type } };
  return { ...found, pending };
}

/** The commands a call's events become: a callback promised, a transfer, a hang-up. */
function callReports(scope: ChannelScope) {
  const { desk } = scope;
  return {
    async requestCallback(request: CallbackRequest) {
      const result = await desk.command<CallbackResult | { skipped: string }>(
        await customerForCase(scope, request.ref, request.address),
        'channel.callback',
        request,
        { id: `callback-${request.callId}`, caseRef: request.ref },
      );
      return 'text' in result ? result : null;
    },
    async reportTransfer(report: TransferReport) {
      await desk.command(
        await customerForCase(scope, report.ref, report.address),
        'channel.transfer',
        report,
        {
          id: `transfer-${report.outcome}-${report.callId}`,
          caseRef: report.ref,
        },
      );
    },
    async reportHangUp(request: { address: string; callId: string; reason: string }) {
      await desk.command(await scope.linkedCustomer(request.address), 'channel.hang_up', request, {
        id: `hangup-${request.callId}`,
        conversation: scope.conversationOf(request.address),
      });
    },
  };
}

export function createChannelContext(deps: ChannelContextDeps, adapter: ChannelAdapter): ChannelContext {
  const scope = scopeOf(deps, adapter);
  const { desk, origin } = scope;
  const { redis, clock, logger, metrics, bundle, services } = desk.deps;
  return {
    clock,
    logger,
    ...(metrics ? { metrics } : {}),
    store: channelStore(redis, desk.deps.keyPrefix, adapter.name),
    logs: channelLogs(redis, desk.deps.keyPrefix, adapter.name, adapter.kind),
    files: channelFiles(desk.deps.files, adapter.kind),

    receive: (message) => desk.receive({ ...message, provider: adapter.provider }),

    async preference(request) {
      const payload: PreferencePayload = { ...origin, ...request, source: 'customer' };
      const { result, duplicate } = await desk.commandOnce<PreferenceResult>(
        scope.customerOf(request.address),
        'channel.preference',
        payload,
        {
          id: workItemIdOf(adapter.kind, request.providerMessageId),
          conversation: scope.conversationOf(request.address),
        },
      );
      // A provider's retry of the same message: already answered the first time.
      return duplicate ? { ...result, changed: false, answerNow: null } : result;
    },

    deliveryReport: (report) => recordDeliveryReport(scope, report),
    ...callReports(scope),

    async reportUndeliverable(report) {
      await desk.command(
        await scope.linkedCustomer(report.address),
        'channel.undeliverable',
        { ...origin, ...report },
        {
          id: `undeliverable-${report.providerId}-${report.address}`,
          conversation: scope.conversationOf(report.address),
        },
      );
    },

    handToStaff: (handover) => handToStaff(scope, handover),
    lookup: (address) => lookUp(scope, address),
    async samePerson(address, person) {
      await linkSamePerson(desk, {
        customerId: await scope.linkedCustomer(address),
        identity: identityOf(adapter.kind, address),
        person,
        by: adapter.name,
      });
    },
    isOpen: () => services.businessHours(clock.now()).open,

    text(key, lang, values = {}) {
      const text = bundle.bot.channel_texts[adapter.name]?.[key];
      if (!text) throw new Error(`flows/bot.yaml: channel_texts.${adapter.name}.${key} is missing`);
      return interpolate(text[lang], { lang, slots: {}, vars: services.templateValues(lang), extra: values });
    },
  };
}
