/**
 * Signed Twilio webhooks with arbitrary bodies and queries: every request gets a 2xx (TwiML) or a 4xx
 * in the documented shape, nothing is left half-written in a customer's inbox, and no promise is left
 * rejected.
 */
import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH_TOKEN,
  createHarness,
  type Harness,
  PUBLIC_BASE_URL,
} from '../channels/twilio/support/harness.js';
import { callParams, sid, smsParams } from '../channels/twilio/support/requests.js';
import { fuzz, nastyStrings, RUNS } from './budget.js';

let harness: Harness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  harness = await createHarness();
  harness.startWorkers();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await harness.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(...nastyStrings),
  fc.string({ unit: 'binary', maxLength: 50 }),
);
const phone = fc.oneof(
  fc.constantFrom('+8613800138000', '+15005550006', 'anonymous', ''),
  fc.string({ maxLength: 20 }),
);

const paths = [
  '/webhooks/twilio/sms',
  '/webhooks/twilio/sms/status',
  '/webhooks/twilio/voice',
  '/webhooks/twilio/voice/gather',
  '/webhooks/twilio/voice/dial-status',
  '/webhooks/twilio/voice/whisper',
];

const request = fc.record({
  path: fc.constantFrom(...paths),
  query: fc.dictionary(fc.constantFrom('n', 'ref', 'lang', 'm', '__proto__', 'x'), text, { maxKeys: 3 }),
  base: fc.constantFrom('sms', 'call', 'none'),
  from: phone,
  overrides: fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        'Body',
        'Digits',
        'SpeechResult',
        'Confidence',
        'MessageStatus',
        'ErrorCode',
        'CallStatus',
        'DialCallStatus',
        'NumMedia',
        'MediaUrl0',
        'MessageSid',
        'CallSid',
        '__proto__',
        'constructor',
      ),
      fc.string({ maxLength: 10 }),
    ),
    text,
    { maxKeys: 5 },
  ),
});

describe('fuzz: signed Twilio webhooks', () => {
  it('every input gets 2xx TwiML or a 4xx in the documented shape', async () => {
    const failures = await fuzz('signed Twilio webhooks', request, RUNS, async (input) => {
      const params: Record<string, string> = {
        ...(input.base === 'sms'
          ? smsParams(input.from, 'hi')
          : input.base === 'call'
            ? callParams(sid('CA'), input.from)
            : {}),
      };
      for (const [key, value] of Object.entries(input.overrides)) params[key] = value;
      const query = new URLSearchParams(Object.entries(input.query)).toString();
      const path = query ? `${input.path}?${query}` : input.path;
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);
      const answer = await harness.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        payload: new URLSearchParams(params).toString(),
      });
      const ok =
        (answer.statusCode === 200 && answer.body.includes('<Response')) ||
        (answer.statusCode >= 400 &&
          answer.statusCode < 500 &&
          typeof answer.json().error?.code === 'string' &&
          typeof answer.json().error?.message === 'string');
      return ok
        ? null
        : `${answer.statusCode} ${path} ${JSON.stringify(params).slice(0, 300)} → ${answer.body.slice(0, 200)}`;
    });
    expect(failures).toEqual([]);
    expect(unhandled).toEqual([]);
    // Nothing left half-done: every customer's inbox has been drained.
    const inboxes = await harness.runtime.redis.keys(
      `${harness.runtime.config.REDIS_KEY_PREFIX}:{c:*}:inbox`,
    );
    const left = await Promise.all(inboxes.map((key) => harness.runtime.redis.llen(key)));
    expect(left.filter((n) => n > 0)).toEqual([]);
  });
});
