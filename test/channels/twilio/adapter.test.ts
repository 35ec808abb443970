/**
 * Wiring: a Twilio channel without settings is off and says why in one line; wrong settings fail
 * start-up naming the setting; /readyz asks Twilio (the stand-in) through the same client; a Messaging
 * Service or a SIP address work in place of a number.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../../channels/index.js';
import { twilioSetup } from '../../../channels/twilio/settings.js';
import { ConfigError } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { startChannels } from '../../../src/port/wiring.js';
import { createRuntime } from '../../../src/runtime.js';
import { buildApp } from '../../../src/server/app.js';
import { healthPlugin } from '../../../src/server/health.js';
import { testConfig } from '../../support/runtime.js';
import { ACCOUNT_SID, AUTH_TOKEN, createHarness, type Harness } from './support/harness.js';
import { callParams, sid, smsParams } from './support/requests.js';
import { findAll } from './support/twiml.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harnessWith(env: Record<string, string>): Promise<Harness> {
  const harness = await createHarness({ env });
  cleanups.push(() => harness.close());
  return harness;
}

const twilioEnv = {
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_FROM_NUMBER: '+15005550006',
  PUBLIC_BASE_URL: 'https://support.example.com/',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    twilioSetup(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('settings', () => {
  it('no Twilio setting: both channels off, one line each, webhooks refuse everything', async () => {
    const config = testConfig();
    const runtime = createRuntime(config, { channels: createChannels(config.env) });
    cleanups.push(() => runtime.close());
    const wiring = await startChannels(runtime);
    expect(wiring.status).toEqual(
      expect.arrayContaining([
        'sms: off (TWILIO_ACCOUNT_SID not set)',
        'voice: off (TWILIO_ACCOUNT_SID not set)',
      ]),
    );
    expect(wiring.senders.filter((sender) => sender.kind === 'sms')).toEqual([]);
    // The webhooks still answer: with no token nothing can be verified, so every request is refused.
    const app = await buildApp({ logger: silentLogger, plugins: wiring.plugins });
    cleanups.push(() => app.close());
    for (const url of [
      '/webhooks/twilio/sms',
      '/webhooks/twilio/sms/status',
      '/webhooks/twilio/voice',
      '/webhooks/twilio/voice/gather',
    ]) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'From=%2B8613800000000&Body=hi&MessageSid=SMx',
      });
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe('SUPPORT_ERR_WEBHOOK_SIGNATURE');
    }
  });

  it('on: the status lines say where webhooks go and where calls are transferred, numbers masked', async () => {
    const harness = await harnessWith({});
    const status = harness.runtime.channels.map((adapter) => adapter.status);
    expect(status.find((line) => line.startsWith('sms:'))).toMatch(
      /^sms: on \(from \+15\*+0006, webhooks at https:\/\/support\.example\.com\/webhooks\/twilio\/sms, REST API at http:\/\/127\.0\.0\.1:\d+\)$/,
    );
    expect(status.find((line) => line.startsWith('voice:'))).toBe(
      'voice: on (webhooks at https://support.example.com/webhooks/twilio/voice, transfers to +86******5678 in business hours)',
    );
  });

  it('wrong values fail start-up, naming the setting', () => {
    expect(problemsOf({ ...twilioEnv, TWILIO_FROM_NUMBER: '15005550006' })).toEqual([
      'TWILIO_FROM_NUMBER: must be an E.164 number such as +8613800138000',
    ]);
    expect(problemsOf({ ...twilioEnv, SUPPORT_PHONE_NUMBER: 'reception' })[0]).toMatch(
      /^SUPPORT_PHONE_NUMBER: /,
    );
    expect(problemsOf({ ...twilioEnv, PUBLIC_BASE_URL: 'https://support.example.com/?x=1' })[0]).toMatch(
      /^PUBLIC_BASE_URL: /,
    );
    expect(problemsOf({ TWILIO_MESSAGING_SERVICE_SID: `MG${'0'.repeat(32)}` })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^TWILIO_ACCOUNT_SID: required/),
        expect.stringMatching(/^TWILIO_AUTH_TOKEN: required/),
      ]),
    );
    expect(() => testConfig({ ...twilioEnv, TWILIO_SPEECH_CONFIDENCE_MIN: '2' })).toThrow(
      /TWILIO_SPEECH_CONFIDENCE_MIN/,
    );
    const setup = twilioSetup({ ...twilioEnv, SUPPORT_PHONE_NUMBER: '+86 10 1234 5678' });
    expect(setup.on && setup.settings.publicBaseUrl).toBe('https://support.example.com');
    expect(setup.on && setup.settings.transferTarget).toEqual({ kind: 'number', value: '+861012345678' });
    expect(setup.on && Object.isFrozen(setup.settings)).toBe(true);
  });
});

describe('metrics', () => {
  it('an SMS and a call answer are counted once each, a Twilio retry as a duplicate', async () => {
    const harness = await harnessWith({});
    const params = smsParams('+8613800138599', '你好');
    await harness.post('/webhooks/twilio/sms', params);
    await harness.post('/webhooks/twilio/sms', params);
    const call = sid('CA');
    await harness.post(
      '/webhooks/twilio/voice/gather?n=1',
      callParams(call, '+8613800138598', { Digits: '1' }),
    );
    const text = await harness.runtime.metrics!.registry.metrics();
    expect(text).toContain('support_inbound_messages_total{channel="sms",result="processed"} 1');
    expect(text).toContain('support_inbound_messages_total{channel="sms",result="duplicate"} 1');
    expect(text).toContain('support_inbound_messages_total{channel="voice",result="processed"} 1');
  });
});

describe('variants', () => {
  it('/readyz checks Twilio through the configured client', async () => {
    const harness = await harnessWith({});
    const app = await buildApp({
      logger: harness.runtime.logger,
      plugins: [
        {
          name: 'health',
          plugin: healthPlugin(harness.runtime.redis, harness.wiring.readiness),
        },
      ],
    });
    cleanups.push(() => app.close());
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toMatchObject({
      status: 'ready',
      checks: [
        { name: 'redis', ok: true },
        { name: 'sms', ok: true },
      ],
    });
    expect(
      harness.standIn.requests.some(
        (r) => r.method === 'GET' && r.path === `/2010-04-01/Accounts/${ACCOUNT_SID}.json`,
      ),
    ).toBe(true);
  });

  it('a Messaging Service sends instead of a number; a sip: address is dialled with <Sip>', async () => {
    const service = `MG${'b2'.repeat(16)}`;
    const harness = await harnessWith({
      TWILIO_FROM_NUMBER: '',
      TWILIO_MESSAGING_SERVICE_SID: service,
      SUPPORT_PHONE_NUMBER: 'sip:support@pbx.example.com',
    });
    harness.startWorkers();
    await harness.post('/webhooks/twilio/sms', smsParams('+8613800138501', '你好'));
    const [text] = await harness.textsTo('+8613800138501', 1);
    expect(text!.MessagingServiceSid).toBe(service);
    expect(text!.From).toBeUndefined();

    const callSid = sid('CA');
    await harness.post('/webhooks/twilio/voice', callParams(callSid, '+8613800138502'));
    const transfer = await harness.post(
      '/webhooks/twilio/voice/gather?n=1',
      callParams(callSid, '+8613800138502', { Digits: '0' }),
    );
    const target = findAll(transfer.twiml!, 'Sip')[0]!;
    expect(target.text).toBe('sip:support@pbx.example.com');
    expect(target.attrs.url).toMatch(
      /^https:\/\/support\.example\.com\/webhooks\/twilio\/voice\/whisper\?ref=SR-/,
    );
  });
});
