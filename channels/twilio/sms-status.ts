/**
 * `POST /webhooks/twilio/sms/status`: Twilio's delivery reports for the texts we sent (each sent with
 * this URL as its `statusCallback`). Delivered and failed reports are recorded on the message's case
 * (a failure flags it for staff); error 21610 means the customer unsubscribed at the carrier, which
 * puts the number on our opt-out list too. Reports are deduplicated per message and status.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { conversationKeyOf, identityOf } from '../../src/conversation/keys.js';
import type { DeliveryState } from '../../src/queues/delivery.js';
import { deliveryStore } from '../../src/queues/delivery.js';
import type { Runtime } from '../../src/runtime.js';
import { type MessageStatus, messageStatuses, smsStatusSchema } from './payloads.js';
import { UNSUBSCRIBED } from './send-errors.js';
import { formParams } from './signature.js';
import { emptyTwiml, sendTwiml } from './twiml-reply.js';

/** Reports worth a line on the case; the rest (queued, sending, sent…) only update the message state. */
const REPORTED = new Set<MessageStatus>(['delivered', 'failed', 'undelivered']);

function isMessageStatus(value: string): value is MessageStatus {
  return (messageStatuses as readonly string[]).includes(value);
}

function nextState(status: MessageStatus, current: DeliveryState | null): DeliveryState['state'] | null {
  if (status === 'failed' || status === 'undelivered') return 'failed';
  // A part reported failed keeps the whole message failed, whatever the other parts report.
  if ((status === 'delivered' || status === 'read') && current?.state !== 'failed') return 'delivered';
  return null;
}

export function smsStatusHandler(runtime: Runtime) {
  const deliveries = deliveryStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = smsStatusSchema.safeParse(formParams(request.body));
    if (!parsed.success) {
      request.log.warn(
        { channel: 'sms', problems: parsed.error.issues.map((issue) => issue.path.join('.')) },
        'twilio status callback refused: required parameters missing',
      );
      runtime.metrics?.webhookRejected.inc({ channel: 'sms', reason: 'bad_payload' });
      return reply.code(400).send({
        error: { code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD', message: 'MessageSid and MessageStatus are required' },
      });
    }
    const { MessageSid: sid, MessageStatus: status, ErrorCode: code } = parsed.data;
    const log = request.log.child({ channel: 'sms', providerId: sid, status });
    if (!isMessageStatus(status)) {
      log.warn('twilio status callback refused: unknown MessageStatus');
      runtime.metrics?.webhookRejected.inc({ channel: 'sms', reason: 'unknown_status' });
      return reply.code(400).send({
        error: { code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD', message: `Unknown MessageStatus ${status}` },
      });
    }
    const entry = await deliveries.byProviderId(sid);
    if (!entry) {
      log.info('twilio status callback for a message this app did not send (or has forgotten): ignored');
      return sendTwiml(reply, emptyTwiml());
    }

    const current = await deliveries.get(entry.messageId);
    const state = nextState(status, current);
    if (state && current?.state !== state) {
      await deliveries.update(entry.messageId, {
        state,
        providerId: sid,
        at: runtime.clock.now().toISOString(),
        ...(code ? { code } : {}),
      });
    }
    if (code === String(UNSUBSCRIBED)) {
      const identity = identityOf('sms', entry.to);
      await runtime.desk.command(
        entry.customerId,
        'sms.opt_out',
        { source: 'carrier', from: entry.to, errorCode: code },
        { id: `optout-${sid}`, conversation: conversationKeyOf(identity) },
      );
    }
    if (REPORTED.has(status) && entry.caseRef) {
      await runtime.desk.command(
        entry.customerId,
        'delivery.status',
        { messageId: entry.messageId, status, channel: 'sms', ...(code ? { code } : {}) },
        { id: `status-${sid}-${status}`, caseRef: entry.caseRef },
      );
    }
    log.info({ message: entry.messageId, caseRef: entry.caseRef, code }, 'sms delivery report');
    return sendTwiml(reply, emptyTwiml());
  };
}
