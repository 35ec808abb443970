/**
 * The end of a transfer. `POST /webhooks/twilio/voice/dial-status?ref=…` is the `<Dial action>`: if the
 * support line took the call it is recorded on the case; if nobody answered (busy, no-answer, failed,
 * or the caller gave up waiting) the caller hears the callback promise and gets it by SMS.
 * `POST /webhooks/twilio/voice/whisper?ref=…` is played to the person answering before the caller is
 * connected: the case reference, so they can open the case.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refuseRequest } from '../../src/port/refusal.js';
import { dialStatuses, dialStatusSchema, voiceQuerySchema } from './payloads.js';
import { formParams } from './signature.js';
import { payloadRefusal, sendTwiml } from './twiml-reply.js';
import type { VoiceLine } from './voice-line.js';
import { announceTwiml } from './voice-twiml.js';

const TAKEN = new Set(['completed', 'answered']);

export function dialStatusHandler(line: VoiceLine) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { context } = line;
    const parsed = dialStatusSchema.safeParse(formParams(request.body));
    if (!parsed.success)
      return refuseRequest(request, reply, payloadRefusal('voice', parsed.error), context.metrics);
    const dial = parsed.data;
    const query = voiceQuerySchema.safeParse(request.query).data ?? {};
    const lang = query.lang ?? (await line.calls.get(dial.CallSid))?.lang ?? 'zh';
    const log = request.log.child({
      channel: 'voice',
      callSid: dial.CallSid,
      caseRef: query.ref,
      dialStatus: dial.DialCallStatus,
    });
    if (!query.ref) {
      log.warn('dial status without a case reference: nothing to record');
      return sendTwiml(reply, line.goodbye(lang));
    }
    if (TAKEN.has(dial.DialCallStatus)) {
      const duration = Number(dial.DialCallDuration);
      await context.reportTransfer({
        address: dial.From,
        ref: query.ref,
        callId: dial.CallSid,
        outcome: 'answered',
        ...(Number.isFinite(duration) && duration > 0 ? { durationSeconds: duration } : {}),
      });
      log.info('transferred call answered by the support line');
      return sendTwiml(reply, line.goodbye(lang));
    }
    if (!(dialStatuses as readonly string[]).includes(dial.DialCallStatus)) {
      log.warn('unknown DialCallStatus from twilio: treated as not answered');
    }
    const callback = await line.promiseCallback({
      callSid: dial.CallSid,
      from: dial.From,
      ref: query.ref,
      lang,
      reason: `dial_${dial.DialCallStatus}`,
    });
    if (!callback) {
      log.warn('dial status for a case this app does not know: nothing to record');
      return sendTwiml(reply, line.goodbye(lang));
    }
    log.info('support line did not take the call: callback promised');
    return sendTwiml(reply, line.goodbye(lang, [{ text: callback.text, lang }]));
  };
}

export function whisperHandler(line: VoiceLine) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const query = voiceQuerySchema.safeParse(request.query).data ?? {};
    const lang = query.lang ?? 'zh';
    const lines = query.ref ? [line.line('whisper', lang, { ref: query.ref })] : [];
    return sendTwiml(reply, announceTwiml(line.settings.voices, lines));
  };
}
