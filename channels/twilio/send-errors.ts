/**
 * What a failed Twilio REST call means for the outbox: retry later, or give up on this message.
 * Codes: https://www.twilio.com/docs/api/errors — 21610 the recipient replied STOP (unsubscribed),
 * 21211 invalid "To" number, 21614 "To" is not a mobile number. Rate limits (429) and Twilio's own
 * faults (5xx) pass; any other 4xx will fail the same way next time. No HTTP status at all means the
 * request never got an answer (network, timeout): retry.
 */
import { SendError } from '../../src/port/channel.js';

export const UNSUBSCRIBED = 21610;
const INVALID_RECIPIENT = new Set([21211, 21614]);

interface RestFailure {
  status?: number;
  code?: number;
  message?: string;
}

function restFailureOf(error: unknown): RestFailure {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
  return {
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof code === 'number' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

export function sendErrorOf(error: unknown): SendError {
  const { status, code, message } = restFailureOf(error);
  const what = message || 'request failed';
  if (code === UNSUBSCRIBED)
    return new SendError(`twilio: recipient unsubscribed (${code})`, true, code, true);
  if (code !== undefined && INVALID_RECIPIENT.has(code))
    return new SendError(`twilio: ${what} (${code})`, true, code);
  if (status === undefined) return new SendError(`twilio: no answer from the REST API: ${what}`, false);
  if (status === 429 || status >= 500)
    return new SendError(`twilio: HTTP ${status}: ${what}`, false, code ?? status);
  if (status >= 400) return new SendError(`twilio: HTTP ${status}: ${what}`, true, code ?? status);
  return new SendError(`twilio: unexpected HTTP ${status}: ${what}`, false, code ?? status);
}
