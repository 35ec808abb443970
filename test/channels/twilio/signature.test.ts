/**
 * X-Twilio-Signature: the published vectors (our own copy under fixtures/), then the webhooks over
 * real HTTP — unsigned, forged and tampered requests are refused with 403 and a log line, and
 * nothing is recorded.
 */
import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTwilioSignatureValid } from '../../../channels/twilio/signature.js';
import { paramsOf, SMS_TEXT } from './fixtures/webhook-payloads.js';
import { createHarness, type Harness } from './support/harness.js';
import { callParams, sid, smsParams } from './support/requests.js';

interface Vector {
  name: string;
  authToken: string;
  url: string;
  params?: Record<string, string>;
  params_list?: Array<[string, string]>;
  expected: string;
}

const { vectors } = JSON.parse(
  readFileSync(new URL('./fixtures/signature-vectors.json', import.meta.url), 'utf8'),
) as {
  vectors: Vector[];
};

function paramsOfVector(vector: Vector): Record<string, string | string[]> {
  if (vector.params) return vector.params;
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of vector.params_list ?? []) {
    const previous = params[key];
    params[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return params;
}

describe('published signature vectors', () => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const params = paramsOfVector(vector);
    expect(
      twilio.getExpectedTwilioSignature(vector.authToken, vector.url, params as Record<string, string>),
    ).toBe(vector.expected);
    expect(isTwilioSignatureValid(vector.authToken, vector.expected, vector.url, params)).toBe(true);
    expect(isTwilioSignatureValid('54321', vector.expected, vector.url, params)).toBe(false);
  });

  it('accepts a signature made for the URL with :443 on the URL without it', () => {
    const withPort = vectors.find((vector) => vector.name === 'python-https-port-443')!;
    const url = withPort.url.replace(':443', '');
    expect(isTwilioSignatureValid(withPort.authToken, withPort.expected, url, withPort.params!)).toBe(true);
  });

  it('refuses a changed parameter, a changed URL, http for https, and no signature', () => {
    const basic = vectors.find((vector) => vector.name === 'python-basic')!;
    const params = basic.params!;
    expect(
      isTwilioSignatureValid(basic.authToken, basic.expected, basic.url, { ...params, Digits: '9999' }),
    ).toBe(false);
    expect(isTwilioSignatureValid(basic.authToken, basic.expected, `${basic.url}&x=1`, params)).toBe(false);
    expect(
      isTwilioSignatureValid(basic.authToken, basic.expected, basic.url.replace('https', 'http'), params),
    ).toBe(false);
    expect(isTwilioSignatureValid(basic.authToken, undefined, basic.url, params)).toBe(false);
  });
});

describe('webhooks refuse what Twilio did not sign', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(async () => harness.close());

  const refusals = () => harness.logs.filter((line) => String(line.msg).startsWith('twilio webhook refused'));

  it.each([
    ['/webhooks/twilio/sms', () => smsParams('+8613800138101', '你好')],
    ['/webhooks/twilio/sms/status', () => ({ MessageSid: sid('SM'), MessageStatus: 'delivered' })],
    ['/webhooks/twilio/voice', () => callParams(sid('CA'), '+8613800138101')],
    ['/webhooks/twilio/voice/gather?n=1', () => callParams(sid('CA'), '+8613800138101', { Digits: '1' })],
    [
      '/webhooks/twilio/voice/dial-status?ref=SR-2611-0001&lang=zh',
      () => callParams(sid('CA'), '+8613800138101', { DialCallStatus: 'no-answer' }),
    ],
  ])('%s: missing or wrong signature → 403, logged', async (path, params) => {
    const before = refusals().length;
    const unsigned = await harness.post(path, params(), { signature: 'none' });
    expect(unsigned.status).toBe(403);
    expect(JSON.parse(unsigned.body).error.code).toBe('SUPPORT_ERR_WEBHOOK_SIGNATURE');
    const forged = await harness.post(path, params(), { signature: 'wrong' });
    expect(forged.status).toBe(403);
    const lines = refusals().slice(before);
    expect(lines.map((line) => line.reason)).toEqual(['missing_signature', 'bad_signature']);
    expect(lines[0]!.url).toBe(`https://support.example.com${path}`);
  });

  it('a body changed after signing is refused and nothing is recorded', async () => {
    const params = paramsOf(SMS_TEXT);
    const signature = twilio.getExpectedTwilioSignature(
      'f0e1d2c3b4a5968778695a4b3c2d1e0f',
      'https://support.example.com/webhooks/twilio/sms',
      params,
    );
    const response = await fetch(
      `http://127.0.0.1:${(harness.app.server.address() as { port: number }).port}/webhooks/twilio/sms`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams({ ...params, Body: 'STOP' }).toString(),
      },
    );
    expect(response.status).toBe(403);
    expect(await harness.transcriptOf(params.From!)).toEqual([]);
    expect(await harness.optedOut(params.From!)).toBe(false);
  });

  it('a request signed for the internal URL instead of PUBLIC_BASE_URL is refused (the proxy case)', async () => {
    const params = smsParams('+8613800138102', '你好');
    const port = (harness.app.server.address() as { port: number }).port;
    const internal = `http://127.0.0.1:${port}/webhooks/twilio/sms`;
    const response = await fetch(internal, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(
          'f0e1d2c3b4a5968778695a4b3c2d1e0f',
          internal,
          params,
        ),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(403);
  });

  it('signed but without the required parameters → 400 naming them, logged', async () => {
    const response = await harness.post('/webhooks/twilio/sms', { Body: 'hello' });
    expect(response.status).toBe(400);
    const error = JSON.parse(response.body).error;
    expect(error.code).toBe('SUPPORT_ERR_WEBHOOK_PAYLOAD');
    expect(error.message).toMatch(/MessageSid/);
    expect(error.message).toMatch(/From/);
    expect(
      harness.logs.some((line) => line.msg === 'twilio webhook refused: required parameters missing'),
    ).toBe(true);
    const empty = await harness.post('/webhooks/twilio/voice', {});
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.body).error.message).toMatch(/CallSid/);
  });
});
