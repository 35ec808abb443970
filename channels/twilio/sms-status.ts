/**
 * `POST /webhooks/twilio/sms/status`: Twilio's delivery reports for the texts we sent (each sent with
 * this URL as its `statusCallback`), mapped onto the channel-neutral delivery report: delivered and
 * failed reach the message's case (a failure flags it for staff); error 21610 means the customer
 * unsubscribed at the carrier, which the desk turns into an opt-out. Reports are deduplicated per
 * message and status.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeliveryReport } from '../../src/port/channel.js';
import { refuseRequest } from '../../src/port/refusal.js';
import { type MessageStatus, messageStatuses, smsStatusSchema } from './payloads.js';
import { UNSUBSCRIBED } from './send-errors.js';
import { formParams } from './signature.js';
import type { Started } from './started.js';
import { emptyTwiml, sendTwiml } from './twiml-reply.js';

function isMessageStatus(value: string): value is MessageStatus {
  return (messageStatuses as readonly string[]).includes(value);
}

function stateOf(status: MessageStatus): DeliveryReport['state'] {
  if (status === 'failed' || status === 'undelivered') return 'failed';
  if (status === 'delivered' || status === 'read') return 'delivered';
  return 'progress';
}

export function smsStatusHandler(line: Started) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { context } = line;
    const parsed = smsStatusSchema.safeParse(formParams(request.body));
    if (!parsed.success) {
      return refuseRequest(
        request,
        reply,
        {
          channel: 'sms',
          status: 400,
          code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD',
          message: 'MessageSid and MessageStatus are required',
          event: 'twilio status callback refused: required parameters missing',
          reason: 'bad_payload',
          log: { problems: parsed.error.issues.map((issue) => issue.path.join('.')) },
        },
        context.metrics,
      );
    }
    const { MessageSid: sid, MessageStatus: status, ErrorCode: code } = parsed.data;
    const log = request.log.child({ channel: 'sms', providerId: sid, status });
    if (!isMessageStatus(status)) {
      return refuseRequest(
        request,
        reply,
        {
          channel: 'sms',
          status: 400,
          code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD',
          message: `Unknown MessageStatus ${status}`,
          event: 'twilio status callback refused: unknown MessageStatus',
          reason: 'unknown_status',
          log: { providerId: sid, status },
        },
        context.metrics,
      );
    }
    // Our outbox id rides in the callback URL (`?m=`): the report finds its message even when the
    // process died before it learnt Twilio's sid.
    const ours = (request.query as { m?: unknown }).m;
    const known = await context.deliveryReport({
      providerId: sid,
      ...(typeof ours === 'string' && ours.length > 0 && ours.length <= 200 ? { messageId: ours } : {}),
      state: stateOf(status),
      status,
      ...(code ? { code } : {}),
      optedOut: code === String(UNSUBSCRIBED),
    });
    if (!known)
      log.info('twilio status callback for a message this app did not send (or has forgotten): ignored');
    else log.info({ code }, 'sms delivery report');
    return sendTwiml(reply, emptyTwiml());
  };
}
