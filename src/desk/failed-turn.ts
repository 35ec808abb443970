/**
 * When the engine fails on a message (a bug, a flow that cannot run), the message is still recorded,
 * the customer gets an apology in their language instead of silence, and staff are told — nothing is
 * lost. Redis being unreachable is different: that work is retried (TransientWorkError).
 */
import { type InboundTurnInput, newProfile, type TurnOutput } from '../engine/engine.js';
import { detectLanguage } from '../engine/extract/index.js';
import { newSession } from '../engine/session.js';
import type { FlowBundle } from '../flows/load.js';

/** Errors that mean "Redis is not answering" rather than "our code is wrong". */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code ?? '') ||
    error.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|Stream isn't writeable|LOADING|READONLY|CLUSTERDOWN|TRYAGAIN/.test(error.message)
  );
}

export function failedTurn(bundle: FlowBundle, input: InboundTurnInput, error: unknown): TurnOutput {
  const at = input.now.toISOString();
  const text = input.message.text ?? '';
  const detected = detectLanguage(text);
  const lang = input.session?.lang ?? (detected === 'en' ? 'en' : 'zh');
  const session = input.session ?? newSession(input.identity, input.message.channel, lang, at);
  const profile = input.profile ?? newProfile(input.customerId, input.identity, lang, at);
  const reply = bundle.bot.texts.engine_error[lang];
  const tags = { conv: session.conversationId, ...(input.case ? { case: input.case.ref } : {}) };
  return {
    session: { ...session, updatedAt: at },
    profile,
    case: input.case,
    otherCases: [],
    replies: [{ text: reply }],
    transcript: [
      {
        at,
        kind: 'in',
        channel: input.message.channel,
        text: text.slice(0, 20_000).toWellFormed(),
        ...tags,
        meta: { providerMessageId: input.message.providerMessageId },
      },
      {
        at,
        kind: 'event',
        text: `the bot could not process this message: ${error instanceof Error ? error.message : String(error)}`,
        ...tags,
        meta: { event: 'engine_error' },
      },
      { at, kind: 'out', channel: input.message.channel, text: reply, ...tags, author: 'bot' },
    ],
    effects: [
      {
        type: 'notify_staff',
        ref: input.case?.ref ?? '',
        to: `team:${bundle.bot.misunderstood_escalation.team}`,
        text: `the bot failed on a message from customer ${input.customerId}; please read it and reply`,
      },
    ],
    signals: {},
  };
}
