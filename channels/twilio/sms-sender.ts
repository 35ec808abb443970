import { renderReply } from '../../src/engine/render.js';
import type { ChannelSender, SendAttempt, SendResult } from '../../src/port/channel.js';
import { SendError } from '../../src/port/channel.js';
import type { OutboundMessage } from '../../src/port/messages.js';
import { countSmsSegments } from '../../src/port/sms-segments.js';
import { sendErrorOf } from './send-errors.js';
import type { TwilioSettings } from './settings.js';
import { splitForBudget } from './split-message.js';
import type { Started } from './started.js';

export const SMS_STATUS_PATH = '/webhooks/twilio/sms/status';

/** The one REST call the sender makes (the SDK's `client.messages`). */
/** The REST calls the sender makes (the SDK's `client.messages`). */
export interface MessageCreator {
  create(params: {
    to: string;
    body: string;
    from?: string;
    messagingServiceSid?: string;
    statusCallback: string;
  }): Promise<{ sid: string }>;
  /** The latest messages to a number, newest first: did an attempt whose answer we lost get through? */
  list(params: { to: string; limit: number }): Promise<Array<{ sid: string; body: string; to: string }>>;
}

/** Messages to one number looked at when an earlier attempt's outcome is unknown. */
const LOOKBACK = 20;

export interface SmsSenderDeps {
  settings: TwilioSettings;
  messages: MessageCreator;
  /** The started channel: its store remembers parts already accepted, its logger says what went out. */
  line: Started;
}

const PART_TTL_SECONDS = 7 * 24 * 3600;
/** A part handed to Twilio whose answer has not come back (yet): ask before sending it again. */
const ATTEMPTED = '?';

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
  const { settings, messages, line } = deps;
  const statusCallback = `${settings.publicBaseUrl}${SMS_STATUS_PATH}`;
  const sender = {
    ...(settings.fromNumber ? { from: settings.fromNumber } : {}),
    ...(settings.messagingServiceSid ? { messagingServiceSid: settings.messagingServiceSid } : {}),
  };

  return {
    kind: 'sms',
    provider: 'twilio',
    async send(message: OutboundMessage, attempt?: SendAttempt): Promise<SendResult> {
      const { store, logger } = line.context;
      const parts = smsPartsOf(message, settings.segmentBudget);
      if (parts.length === 0) throw new SendError('sms: nothing to send (empty text)', true);
      const partsKey = `parts:${message.id}`;
      // Per part: Twilio's sid once accepted, ATTEMPTED while a create call's answer is still unknown.
      // A first try has nothing recorded yet: no read.
      const sent = attempt?.first ? {} : ((await store.get<Record<string, string>>(partsKey)) ?? {});
      const sids: string[] = [];
      for (const [n, body] of parts.entries()) {
        const already = sent[String(n)];
        if (already && already !== ATTEMPTED) {
          sids.push(already);
          continue;
        }
        let sid: string;
        try {
          // An earlier attempt whose answer was lost (the process died, the connection dropped while
          // Twilio answered): ask Twilio before sending again, never send blindly.
          const found = already
            ? (await messages.list({ to: message.to, limit: LOOKBACK })).find(
                (earlier) => earlier.body === body && !sids.includes(earlier.sid),
              )
            : undefined;
          if (found) {
            logger.info(
              { channel: 'sms', message: message.id, part: n + 1, providerId: found.sid },
              'sms part already accepted by twilio on an earlier attempt: not sent again',
            );
            sid = found.sid;
          } else {
            sent[String(n)] = ATTEMPTED;
            await store.set(partsKey, sent, PART_TTL_SECONDS);
            ({ sid } = await messages.create({
              to: message.to,
              body,
              statusCallback: `${statusCallback}?${new URLSearchParams({ m: message.id })}`,
              ...sender,
            }));
          }
        } catch (error) {
          const failure = sendErrorOf(error);
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
        sids.push(sid);
        sent[String(n)] = sid;
        // The last part's sid goes with the message's "sent" state the outbox records next; should the
        // process die before that, the retry finds the part marked ATTEMPTED and asks Twilio first.
        if (n < parts.length - 1) await store.set(partsKey, sent, PART_TTL_SECONDS);
      }
      const { encoding } = countSmsSegments(parts.join(''));
      logger.info(
        {
          channel: 'sms',
          message: message.id,
          caseRef: message.caseRef,
          parts: parts.length,
          segments: parts.map((part) => countSmsSegments(part).segments),
          encoding,
          providerId: sids.at(-1),
        },
        'sms sent',
      );
      return { providerId: sids.at(-1)!, providerIds: sids };
    },
  };
}
