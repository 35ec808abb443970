/** Webhook parameters as Twilio sends them, with fresh sids. */
import { randomBytes } from 'node:crypto';
import { ACCOUNT_SID, OUR_NUMBER } from './harness.js';

export function sid(prefix: 'SM' | 'CA'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

export function smsParams(
  from: string,
  body: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  const messageSid = extra.MessageSid ?? sid('SM');
  return {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: messageSid,
    NumMedia: '0',
    SmsSid: messageSid,
    SmsStatus: 'received',
    ...(body === undefined ? {} : { Body: body }),
    FromCountry: from.startsWith('+86') ? 'CN' : 'US',
    To: OUR_NUMBER,
    NumSegments: '1',
    MessageSid: messageSid,
    AccountSid: ACCOUNT_SID,
    From: from,
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

export function callParams(
  callSid: string,
  from: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    From: from,
    Caller: from,
    To: OUR_NUMBER,
    Called: OUR_NUMBER,
    ...extra,
  };
}
