/**
 * Sends outbox messages as SMS through Twilio's REST API. Choices become a numbered line (the engine's
 * renderer), a reply longer than the segment budget goes out as several messages, and every message
 * asks Twilio for delivery reports at /webhooks/twilio/sms/status.
 *
 * A reply split in parts is retried as a whole by the outbox, so each part that Twilio accepted is
 * remembered (by outbox message id and part number) and not sent again: no doubled texts.
 */
import type { Redis } from 'ioredis';
import type { ChannelSender, SendResult } from '../../src/channel.js';
import { SendError } from '../../src/channel.js';
import { renderReply } from '../../src/engine/render.js';
import type { OutboundMessage } from '../../src/engine/types.js';
import type { Logger } from '../../src/logger.js';
import type { DeliveryStore } from '../../src/queues/delivery.js';
import { countSegments } from './segments.js';
import { sendErrorOf } from './send-errors.js';
import type { TwilioSettings } from './settings.js';
import { splitForBudget } from './split-message.js';

export const SMS_STATUS_PATH = '/webhooks/twilio/sms/status';

/** The one REST call the sender makes (the SDK's `client.messages`). */
export interface MessageCreator {
  create(params: {
    to: string;
    body: string;
    from?: string;
    messagingServiceSid?: string;
    statusCallback: string;
  }): Promise<{ sid: string }>;
}

export interface SmsSenderDeps {
  settings: TwilioSettings;
  messages: MessageCreator;
  redis: Redis;
  keyPrefix: string;
  deliveries: DeliveryStore;
  logger: Logger;
  now: () => Date;
}

const PART_TTL_SECONDS = 7 * 24 * 3600;

/** The texts one outbox message becomes, each within the budget. */
export function smsPartsOf(message: Pick<OutboundMessage, 'text' | 'choices' | 'lang'>, budget: number) {
  const text = renderReply(
    { text: message.text, ...(message.choices ? { choices: message.choices } : {}) },
    message.lang,
    'numbered',
  );
  return splitForBudget(text, budget);
}

export function createSmsSender(deps: SmsSenderDeps): ChannelSender {
  const { settings, messages, redis, deliveries, logger } = deps;
  const statusCallback = `${settings.publicBaseUrl}${SMS_STATUS_PATH}`;
  const sender = {
    ...(settings.fromNumber ? { from: settings.fromNumber } : {}),
    ...(settings.messagingServiceSid ? { messagingServiceSid: settings.messagingServiceSid } : {}),
  };

  return {
    channel: 'sms',
    async send(message: OutboundMessage): Promise<SendResult> {
      const parts = smsPartsOf(message, settings.segmentBudget);
      if (parts.length === 0) throw new SendError('sms: nothing to send (empty text)', true);
      const partsKey = `${deps.keyPrefix}:twilio:sms-parts:${message.id}`;
      const sent = await redis.hgetall(partsKey);
      const sids: string[] = [];
      for (const [n, body] of parts.entries()) {
        const already = sent[String(n)];
        if (already) {
          sids.push(already);
          continue;
        }
        let sid: string;
        try {
          ({ sid } = await messages.create({ to: message.to, body, statusCallback, ...sender }));
        } catch (error) {
          const failure = sendErrorOf(error);
          if (failure.optedOut) await deliveries.setOptOut('sms', message.to, true);
          logger.warn(
            {
              channel: 'sms',
              message: message.id,
              part: n + 1,
              parts: parts.length,
              caseRef: message.caseRef,
              code: failure.providerCode,
              permanent: failure.permanent,
              err: failure.message,
            },
            failure.permanent
              ? 'sms refused by twilio (permanent)'
              : 'sms not accepted by twilio (will retry)',
          );
          throw failure;
        }
        await redis.multi().hset(partsKey, String(n), sid).expire(partsKey, PART_TTL_SECONDS).exec();
        sids.push(sid);
      }
      // Every part's sid leads back to this message, so each part's delivery report reaches the case.
      const at = deps.now().toISOString();
      for (const sid of sids.slice(0, -1))
        await deliveries.record(message, { state: 'sent', providerId: sid, at });
      const { encoding } = countSegments(parts.join(''));
      logger.info(
        {
          channel: 'sms',
          message: message.id,
          caseRef: message.caseRef,
          parts: parts.length,
          segments: parts.map((part) => countSegments(part).segments),
          encoding,
          providerId: sids.at(-1),
        },
        'sms sent',
      );
      return { providerId: sids.at(-1)! };
    },
  };
}
