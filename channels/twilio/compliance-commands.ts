/**
 * Work items for SMS compliance, run in the customer's inbox like every other change to a customer
 * (so a STOP never interleaves with the conversation it stops):
 *
 * - `sms.opt_out`: the number goes on the opt-out list (the outbox then refuses to text it), the open
 *   case is flagged `opted_out` and its staff are told; a customer's STOP is confirmed once. The
 *   confirmation goes back in the webhook's TwiML answer, because the outbox — rightly — no longer
 *   writes to an opted-out number. Also run for Twilio error 21610 (source `carrier`), without a reply.
 * - `sms.opt_in`: off the list again; confirmed through the outbox.
 * - `sms.help`: service name, hours and how to reach a person; through the outbox.
 *
 * The customer's message is recorded in the transcript like any other inbound message.
 */
import { isActive } from '../../src/cases/lifecycle.js';
import type { Case, CustomerProfile, TranscriptEntry } from '../../src/cases/types.js';
import type { SlotWrite } from '../../src/conversation/inbox.js';
import { identityOf } from '../../src/conversation/keys.js';
import type { CommandContext, CommandHandler, Desk } from '../../src/desk/desk.js';
import { TRANSCRIPT_LIMIT } from '../../src/desk/writes.js';
import type { Effect } from '../../src/engine/effects.js';
import { interpolate } from '../../src/engine/interpolate.js';
import type { Lang, OutboundMessage } from '../../src/engine/types.js';
import { deliveryStore } from '../../src/queues/delivery.js';
import type { ComplianceKind } from './compliance-keywords.js';

export interface CompliancePayload {
  /** `keyword`: the customer texted it; `carrier`: Twilio reported the number unsubscribed (21610). */
  source: 'keyword' | 'carrier';
  /** The customer's number (E.164). */
  from: string;
  text?: string;
  providerMessageId?: string;
  keywordLang?: Lang;
  errorCode?: string;
}

export interface ComplianceResult {
  kind: ComplianceKind;
  /** The opt-out list changed (false: the number was already on it / already off it). */
  changed: boolean;
  /** The text to answer with in the webhook's TwiML (opt-out confirmation), if any. */
  twimlReply: string | null;
  /** Id of the outbox message queued as the answer, if any. */
  queued: string | null;
}

const EVENT_TEXT: Record<ComplianceKind, (payload: CompliancePayload) => string> = {
  opt_out: (p) =>
    p.source === 'carrier'
      ? `Twilio reports the customer's number unsubscribed (error ${p.errorCode ?? '21610'}): no more SMS`
      : `customer texted "${p.text?.trim()}": opted out of SMS, no more SMS will be sent`,
  opt_in: (p) => `customer texted "${p.text?.trim()}": opted back in to SMS`,
  help: (p) => `customer texted "${p.text?.trim()}": sent the service's contact details`,
};

/** The policy's opening hours without a closing full stop, to sit inside a sentence. */
function hoursOf(values: Record<string, unknown>, lang: Lang): string {
  const hours =
    (values.contact as { hours_text?: Record<Lang, string> } | undefined)?.hours_text?.[lang] ?? '';
  return hours.trim().replace(/[。.]+$/u, '');
}

function staffOf(kase: Case): string {
  return kase.owner.startsWith('staff:') ? kase.owner.slice(6) : `team:${kase.team ?? 'support'}`;
}

function withFlag(kase: Case, flag: string, on: boolean): Case {
  const flags = new Set(kase.flags);
  if (on) flags.add(flag);
  else flags.delete(flag);
  return { ...kase, flags: [...flags] };
}

function withOptOut(profile: CustomerProfile, identity: string, on: boolean): CustomerProfile {
  const list = new Set(profile.optedOut ?? []);
  if (on) list.add(identity);
  else list.delete(identity);
  return { ...profile, optedOut: [...list] };
}

function complianceHandler(kind: ComplianceKind): CommandHandler {
  return async (ctx: CommandContext) => {
    const payload = ctx.state.item.payload as CompliancePayload;
    const { deps } = ctx;
    const at = ctx.now.toISOString();
    const identity = identityOf('sms', payload.from);
    const conv = ctx.session?.conversationId;
    const kase = ctx.case && isActive(ctx.case.status) ? ctx.case : null;
    const lang: Lang = ctx.profile?.lang ?? ctx.session?.lang ?? payload.keywordLang ?? 'zh';
    const tags = { ...(conv ? { conv } : {}), ...(kase ? { case: kase.ref } : {}) };
    const transcript: TranscriptEntry[] = [];
    const effects: Effect[] = [];
    const writes: SlotWrite[] = [];

    if (payload.source === 'keyword') {
      transcript.push({
        at,
        kind: 'in',
        channel: 'sms',
        text: payload.text ?? '',
        ...tags,
        meta: { providerMessageId: payload.providerMessageId, compliance: kind },
      });
    }

    const deliveries = deliveryStore(deps.redis, deps.keyPrefix);
    const changed =
      kind === 'help' ? false : await deliveries.setOptOut('sms', payload.from, kind === 'opt_out');
    const answer =
      payload.source === 'keyword' && (kind !== 'opt_out' || changed)
        ? interpolate(deps.bundle.bot.channel_texts.sms[kind][lang], {
            lang,
            slots: {},
            vars: deps.services.templateValues(lang),
            extra: { hours: hoursOf(deps.services.templateValues(lang), lang) },
          })
        : null;

    let twimlReply: string | null = null;
    let queued: string | null = null;
    if (answer && kind === 'opt_out') {
      twimlReply = answer;
    } else if (answer) {
      queued = `${ctx.state.item.id}-reply`;
      const message: OutboundMessage = {
        id: queued,
        channel: 'sms',
        to: payload.from,
        lang,
        text: answer,
        customerId: ctx.state.customerId,
        ...(kase ? { caseRef: kase.ref } : {}),
        author: 'system',
        createdAt: at,
      };
      effects.push({ type: 'send', message });
    }
    if (answer) {
      transcript.push({
        at,
        kind: 'out',
        channel: 'sms',
        text: answer,
        ...tags,
        author: 'system',
        meta: { compliance: kind, ...(queued ? { messageId: queued } : { via: 'twiml' }) },
      });
    }

    if (kind !== 'help' && (changed || payload.source === 'carrier')) {
      transcript.push({
        at,
        kind: 'event',
        text: EVENT_TEXT[kind](payload),
        ...tags,
        meta: { event: kind === 'opt_out' ? 'sms_opted_out' : 'sms_opted_in', source: payload.source },
      });
      if (kase) {
        writes.push([
          'set',
          `case:${kase.ref}`,
          JSON.stringify({ ...withFlag(kase, 'opted_out', kind === 'opt_out'), updatedAt: at }),
        ]);
        effects.push({
          type: 'notify_staff',
          ref: kase.ref,
          to: staffOf(kase),
          text: `case ${kase.ref}: ${EVENT_TEXT[kind](payload)}`,
        });
      }
      if (ctx.profile) {
        writes.push([
          'set',
          'profile',
          JSON.stringify(withOptOut(ctx.profile, identity, kind === 'opt_out')),
        ]);
      }
    }

    await ctx.run(effects);
    if (transcript.length > 0) {
      writes.push(['rpush', 'log', ...transcript.map((entry) => JSON.stringify(entry))]);
      writes.push(['ltrim', 'log', -TRANSCRIPT_LIMIT, -1]);
    }
    const result: ComplianceResult = { kind, changed, twimlReply, queued };
    return { result, writes };
  };
}

/** The compliance work-item kinds, one line each. */
export function registerComplianceCommands(desk: Desk): void {
  desk
    .register('sms.opt_out', complianceHandler('opt_out'))
    .register('sms.opt_in', complianceHandler('opt_in'))
    .register('sms.help', complianceHandler('help'));
}
