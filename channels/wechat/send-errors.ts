/**
 * What a WeChat API error means for an outbox message. The customer-service API refuses outside the
 * 48-hour window (45015) or after too many messages without an answer (45047); a quota spent (45009)
 * lasts the day: these are final for this message — the case is flagged and staff reach the customer
 * another way, never retried for ever. A follower who left (43004) has opted out.
 */
import { SendError } from '../../src/port/channel.js';
import { WechatApiError } from './api.js';

/** The window or the count of the customer-service API: a template may still carry a notice. */
export const WINDOW_CLOSED = new Set([45015, 45047]);
/** Worth another try later: the platform is busy, or the per-minute quota is spent. */
const TEMPORARY = new Set([-1, 45011]);
const OPTED_OUT = new Set([43004, 43101]);

const EXPLAINED: Record<number, string> = {
  45015: 'the customer last wrote more than 48 hours ago',
  45047: 'too many messages since the customer last wrote',
  45009: "the account's daily API quota is spent",
  43004: 'the customer no longer follows the account',
  43101: 'the customer has not subscribed to this notice',
  40003: 'the openid is not a follower of this account',
};

export const REACH_ANOTHER_WAY = 'reach the customer another way (phone, SMS or email)';

export function sendErrorOf(error: unknown, provider: string): SendError {
  if (error instanceof SendError) return error;
  if (!(error instanceof WechatApiError))
    return new SendError(`${provider}: ${error instanceof Error ? error.message : String(error)}`, false);
  const { errcode } = error;
  const why = EXPLAINED[errcode] ?? `errcode ${errcode} ${error.errmsg}`;
  if (TEMPORARY.has(errcode)) return new SendError(`${provider}: ${why}`, false, errcode);
  const advice = WINDOW_CLOSED.has(errcode) || errcode === 45009 ? `: ${REACH_ANOTHER_WAY}` : '';
  return new SendError(`${provider}: ${why}${advice}`, true, errcode, OPTED_OUT.has(errcode));
}
