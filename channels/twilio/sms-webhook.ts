/**
 * `POST /webhooks/twilio/sms`: one customer text (or MMS). The signature is already checked (see
 * signature.ts). Twilio gets its answer (an empty `<Response/>`) as soon as the message is recorded in
 * the customer's inbox (docs/reliability.md); the turn runs right after and the bot's replies go out through the
 * outbox. The desk deduplicates on MessageSid, so Twilio's retries change nothing, and a message
 * recorded by a process that dies is finished by the next (the inbox's recovery).
 *
 * The body is taken as it is: a 5,000-character text is kept whole (the engine reads the first part),
 * and a body that looks like base64 is text like any other — never decoded.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refuseRequest } from '../../src/port/refusal.js';
import { complianceKeywordOf } from './compliance-keywords.js';
import { mediaAttachments } from './media.js';
import { smsWebhookSchema } from './payloads.js';
import { formParams } from './signature.js';
import type { Started } from './started.js';
import { emptyTwiml, messageTwiml, payloadRefusal, sendTwiml } from './twiml-reply.js';

export const SMS_PATH = '/webhooks/twilio/sms';

/** Twilio delivers at most 1,600 characters; anything longer did not come from a handset. */
const LONGEST_TWILIO_BODY = 1600;
/** A number we can text back: E.164 (WhatsApp's `whatsapp:` prefix and alphanumeric senders are not). */
const E164 = /^\+[1-9]\d{5,14}$/;

export function smsInboundHandler(line: Started) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { context } = line;
    const params = formParams(request.body);
    const parsed = smsWebhookSchema.safeParse(params);
    if (!parsed.success)
      return refuseRequest(request, reply, payloadRefusal('sms', parsed.error), context.metrics);
    const sms = parsed.data;
    const log = request.log.child({ channel: 'sms', providerMessageId: sms.MessageSid });
    if (!E164.test(sms.From)) {
      log.warn(
        { from: sms.From },
        'sms from a sender that cannot be texted back (not an E.164 number): ignored',
      );
      return sendTwiml(reply, emptyTwiml());
    }
    const body = sms.Body ?? '';
    const attachments = mediaAttachments(params);
    if (body.length > LONGEST_TWILIO_BODY) {
      log.warn(
        { length: body.length },
        'sms body longer than Twilio delivers: kept whole, the bot reads the start',
      );
    }

    const keyword = attachments.length === 0 ? complianceKeywordOf(body) : null;
    if (keyword) {
      // STOP, START, HELP and their Chinese words: the desk decides what each means for the customer.
      const result = await context.preference({
        kind: keyword.kind,
        address: sms.From,
        text: body,
        providerMessageId: sms.MessageSid,
        lang: keyword.lang,
      });
      log.info(
        { keyword: keyword.keyword, kind: keyword.kind, changed: result.changed },
        'sms compliance keyword',
      );
      return sendTwiml(reply, result.answerNow ? messageTwiml(result.answerNow) : emptyTwiml());
    }

    const result = await context.receive({
      channel: 'sms',
      providerMessageId: sms.MessageSid,
      from: sms.From,
      to: sms.To,
      text: body,
      ...(attachments.length > 0 ? { attachments } : {}),
      receivedAt: context.clock.now(),
      inline: false,
      answerWhenRecorded: true,
    });
    log.info(
      { duplicate: result.duplicate, attachments: attachments.length },
      result.duplicate ? 'sms already received (twilio retry): nothing sent again' : 'sms recorded',
    );
    return sendTwiml(reply, emptyTwiml());
  };
}
