/**
 * `POST /webhooks/twilio/voice` (a call starts) and `POST /webhooks/twilio/voice/gather?n=N` (each
 * answer). The same flows as every channel, asked aloud: each answer — speech or keys — is one inbound
 * message to the desk with `inline: true`, and its replies come back as TwiML at once.
 *
 * Each Gather posts to `…/gather?n=N+1`, so an answer's provider id `CallSid:N` is new for every answer
 * and the same for Twilio's retry of one request (the desk then returns the first result). Speech
 * recognised with low confidence, and silence, are asked again without counting as an answer. Keys 9
 * and 8 at the greeting switch to English and Chinese. A call that ends mid-flow leaves the session
 * where it was: the next call, or an SMS from the same number, carries on.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../src/port/messages.js';
import { refuseRequest } from '../../src/port/refusal.js';
import type { CallState } from './call-state.js';
import {
  callStatuses,
  finishedCallStatuses,
  type GatherWebhook,
  gatherSchema,
  voiceQuerySchema,
  voiceWebhookSchema,
} from './payloads.js';
import { formParams } from './signature.js';
import { payloadRefusal, sendTwiml } from './twiml-reply.js';
import type { VoiceLine } from './voice-line.js';
import { gatherFor, planVoiceTurn, spokenReplies, type VoicePlan } from './voice-plan.js';
import { agentHints } from './voice-texts.js';
import { dialTwiml, sayTwiml } from './voice-twiml.js';

const E164 = /^\+[1-9]\d{5,14}$/;
/** Silences in a row before the line says goodbye (one at "anything else?"). */
const MAX_QUIET = 2;
/** A Map, not an object: `Digits=constructor` must not find a built-in property. */
const LANGUAGE_KEYS = new Map<string, Lang>([
  ['9', 'en'],
  ['8', 'zh'],
]);

function checkCallStatus(request: FastifyRequest, status: string | undefined): void {
  if (status && !(callStatuses as readonly string[]).includes(status)) {
    request.log.warn(
      { channel: 'voice', callStatus: status },
      'unknown CallStatus from twilio: treating the call as live',
    );
  }
}

function menuState(line: VoiceLine, lang: Lang, pinned: boolean): CallState {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return {
    lang,
    pinned,
    stage: 'menu',
    spoken: [line.line('greeting', lang), line.line('otherLanguage', other)],
    gather: { hints: agentHints[lang], numDigits: 1 },
    quiet: 0,
  };
}

export function callStartHandler(line: VoiceLine) {
  const { settings } = line;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { context } = line;
    const parsed = voiceWebhookSchema.safeParse(formParams(request.body));
    if (!parsed.success)
      return refuseRequest(request, reply, payloadRefusal('voice', parsed.error), context.metrics);
    const call = parsed.data;
    checkCallStatus(request, call.CallStatus);
    const log = request.log.child({ channel: 'voice', callSid: call.CallSid });
    if (call.CallStatus && finishedCallStatuses.has(call.CallStatus)) {
      log.info({ callStatus: call.CallStatus }, 'call already over: nothing to say');
      return sendTwiml(reply, sayTwiml(settings.voices, []));
    }
    if (!E164.test(call.From)) {
      log.warn({ from: call.From }, 'call from a hidden or unknown number: not logged as a customer');
      if (context.isOpen() && settings.transferTarget) {
        const xml = dialTwiml(
          settings.voices,
          [line.line('connecting', 'zh'), line.line('connecting', 'en')],
          {
            target: settings.transferTarget,
            timeout: settings.dialTimeoutSeconds,
          },
        );
        return sendTwiml(reply, xml);
      }
      return sendTwiml(
        reply,
        sayTwiml(settings.voices, [line.line('anonymous', 'zh'), line.line('anonymous', 'en')]),
      );
    }
    const caller = await context.lookup(call.From);
    log.info({ resume: Boolean(caller.pending), lang: caller.lang }, 'call started');
    if (!caller.pending)
      return sendTwiml(reply, await line.ask(call.CallSid, 1, menuState(line, caller.lang, false)));
    const state: CallState = {
      lang: caller.lang,
      pinned: false,
      stage: 'flow',
      spoken: spokenReplies([caller.pending], caller.lang),
      gather: gatherFor(caller.pending, caller.lang),
      quiet: 0,
    };
    return sendTwiml(reply, await line.ask(call.CallSid, 1, state, [line.line('resume', caller.lang)]));
  };
}

/** One Gather's answer as the line hears it: who, which answer of the call, keys or words, and where the call stands. */
interface HeardAnswer {
  answer: GatherWebhook;
  /** The answer's number in the call: `CallSid:n` is its provider id. */
  n: number;
  state: CallState;
  digits: string;
  speech: string;
  confidence: number | undefined;
  log: FastifyBaseLogger;
}

async function hear(line: VoiceLine, request: FastifyRequest, answer: GatherWebhook): Promise<HeardAnswer> {
  checkCallStatus(request, answer.CallStatus);
  const n = voiceQuerySchema.safeParse(request.query).data?.n ?? 0;
  const state =
    (await line.calls.get(answer.CallSid)) ??
    menuState(line, (await line.context.lookup(answer.From)).lang, false);
  return {
    answer,
    n,
    state,
    digits: answer.Digits?.trim() ?? '',
    speech: answer.SpeechResult?.trim() ?? '',
    confidence: answer.Confidence === undefined ? undefined : Number(answer.Confidence),
    log: request.log.child({ channel: 'voice', callSid: answer.CallSid, n }),
  };
}

/**
 * What the line says without asking the desk: the call is over, silence, speech heard too poorly, or
 * a language chosen at the greeting. Null when the answer is one for the flows.
 */
async function answerOnTheLine(line: VoiceLine, heard: HeardAnswer): Promise<string | null> {
  const { answer, n, state, digits, speech, confidence, log } = heard;
  const { settings, context } = line;
  if (!digits && !speech && answer.CallStatus && finishedCallStatuses.has(answer.CallStatus)) {
    // The caller hung up while a question was open: noted on the case; the next contact carries on.
    if (state.stage === 'flow')
      await context.reportHangUp({ address: answer.From, callId: answer.CallSid, reason: 'caller hung up' });
    log.info({ callStatus: answer.CallStatus, stage: state.stage }, 'call ended by the caller');
    return sayTwiml(settings.voices, []);
  }
  if (!digits && !speech) {
    const quiet = state.quiet + 1;
    if (quiet >= (state.stage === 'closing' ? 1 : MAX_QUIET)) {
      log.info({ quiet }, 'no answer: call ended by the line');
      return line.goodbye(state.lang);
    }
    return line.ask(answer.CallSid, n + 1, { ...state, quiet }, [line.line('silence', state.lang)]);
  }
  if (
    !digits &&
    confidence !== undefined &&
    Number.isFinite(confidence) &&
    confidence < settings.speechConfidenceMin
  ) {
    log.info({ confidence }, 'speech not recognised with enough confidence: asked again');
    return line.ask(answer.CallSid, n + 1, { ...state, quiet: 0 }, [line.line('notUnderstood', state.lang)]);
  }
  const chosen = state.stage === 'menu' ? LANGUAGE_KEYS.get(digits) : undefined;
  if (chosen) {
    log.info({ lang: chosen }, 'caller chose a language');
    return line.ask(answer.CallSid, n + 1, menuState(line, chosen, true));
  }
  return null;
}

/** The answer goes to the desk like any channel's message; its replies are spoken at once. */
async function answerThroughDesk(line: VoiceLine, heard: HeardAnswer): Promise<string> {
  const { answer, n, state, digits, speech, log } = heard;
  const { context } = line;
  const result = await context.receive({
    channel: 'voice',
    providerMessageId: `${answer.CallSid}:${n}`,
    from: answer.From,
    ...(answer.To ? { to: answer.To } : {}),
    text: digits || speech,
    receivedAt: context.clock.now(),
    threadHint: answer.CallSid,
    inline: true,
    ...(state.pinned ? { langHint: state.lang } : {}),
  });
  const plan = planVoiceTurn(result);
  log.info(
    {
      caseRef: result.case?.ref,
      input: digits ? 'dtmf' : 'speech',
      plan: plan.kind,
      duplicate: result.duplicate,
    },
    'call answer',
  );
  return speakPlan(line, heard, plan);
}

/** Hand over, ask the next question, or say the answer and offer "anything else?". */
async function speakPlan(line: VoiceLine, heard: HeardAnswer, plan: VoicePlan): Promise<string> {
  const { answer, n, state } = heard;
  const base = { lang: plan.lang, pinned: state.pinned, quiet: 0 };
  switch (plan.kind) {
    case 'handoff':
      return line.handOff({
        callSid: answer.CallSid,
        n,
        from: answer.From,
        ref: plan.ref,
        lang: plan.lang,
        spoken: plan.spoken,
      });
    case 'ask':
      return line.ask(answer.CallSid, n + 1, {
        ...base,
        stage: 'flow',
        spoken: plan.spoken,
        gather: plan.gather,
      });
    case 'closing': {
      const said = plan.spoken.length > 0 ? plan.spoken : [line.line('noted', plan.lang)];
      const next: CallState = {
        ...base,
        stage: 'closing',
        spoken: [line.line('anythingElse', plan.lang)],
        gather: { hints: agentHints[plan.lang] },
      };
      return line.ask(answer.CallSid, n + 1, next, said);
    }
  }
}

export function gatherHandler(line: VoiceLine) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = gatherSchema.safeParse(formParams(request.body));
    if (!parsed.success)
      return refuseRequest(request, reply, payloadRefusal('voice', parsed.error), line.context.metrics);
    const heard = await hear(line, request, parsed.data);
    const said = (await answerOnTheLine(line, heard)) ?? (await answerThroughDesk(line, heard));
    return sendTwiml(reply, said);
  };
}
