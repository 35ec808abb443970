/** Conformance drivers for the Twilio SMS and voice channels: the harness's signed webhooks and stand-in. */
import { smsCapabilities, smsMedium } from '../../../channels/twilio/sms-adapter.js';
import { voiceCapabilities } from '../../../channels/twilio/voice-adapter.js';
import { defaultMedia } from '../../../src/port/medium.js';
import { createHarness, type Harness } from '../twilio/support/harness.js';
import { callParams, smsParams } from '../twilio/support/requests.js';
import { findAll, type TwimlNode } from '../twilio/support/twiml.js';
import type { ConformanceDriver, ConformanceSession } from './driver.js';

/** The operator's SMS_SEGMENT_BUDGET in these sessions (also the default). */
const SEGMENT_BUDGET = 4;

let numbers = 0;
let sids = 0;
const newNumber = () =>
  `+86139${String(1_000_000 + numbers++ * 7919 + Math.floor(Math.random() * 900)).padStart(8, '0')}`;
const uniqueSid = (prefix: 'SM' | 'CA') => `${prefix}${Date.now()}x${sids++}`;

type TwilioSession = Omit<ConformanceSession, 'inbound' | 'newProviderId'>;

function twilioSession(harness: Harness, name: 'sms' | 'voice'): TwilioSession {
  harness.startWorkers();
  const adapter = harness.runtime.channels.find((channel) => channel.name === name)!;
  return {
    runtime: harness.runtime,
    adapter,
    logs: harness.logs,
    newAddress: newNumber,
    async received(address, count) {
      return (await harness.textsTo(address, count)).map((form) => ({ text: form.Body ?? '', buttons: [] }));
    },
    close: () => harness.close(),
  };
}

export const smsDriver: ConformanceDriver = {
  name: 'sms (twilio)',
  channel: 'sms',
  capabilities: smsCapabilities,
  medium: smsMedium(SEGMENT_BUDGET),
  async open() {
    const harness = await createHarness({ env: { SMS_SEGMENT_BUDGET: String(SEGMENT_BUDGET) } });
    return {
      ...twilioSession(harness, 'sms'),
      newProviderId: () => uniqueSid('SM'),
      async inbound(from, text, providerId) {
        const answer = await harness.post(
          '/webhooks/twilio/sms',
          smsParams(from, text, { MessageSid: providerId }),
        );
        if (answer.status !== 200) throw new Error(`sms webhook answered ${answer.status}`);
        return [];
      },
      failNextSend(address, kind) {
        harness.standIn.failNext(
          address,
          kind === 'temporary'
            ? { status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } }
            : { status: 400, body: { code: 21211, message: "The 'To' number is not valid.", status: 400 } },
        );
      },
      async optOut(address) {
        await harness.post('/webhooks/twilio/sms', smsParams(address, 'STOP'));
      },
      async reportDelivery(address, providerId, state) {
        const sent = harness.standIn.accepted().find((request) => request.sid === providerId);
        if (!sent) throw new Error(`Twilio accepted no text ${providerId}`);
        // Twilio calls the statusCallback URL the message was sent with, our outbox id in its query.
        const path = new URL(sent.form.StatusCallback!).pathname + new URL(sent.form.StatusCallback!).search;
        const answer = await harness.post(path, {
          MessageSid: providerId,
          MessageStatus: state === 'delivered' ? 'delivered' : 'undelivered',
          AccountSid: 'AC',
          To: address,
          ...(state === 'failed' ? { ErrorCode: '30003' } : {}),
        });
        if (answer.status !== 200) throw new Error(`status callback answered ${answer.status}`);
      },
      async malformed() {
        return (await harness.post('/webhooks/twilio/sms', { Body: 'no sender, no sid' })).status;
      },
    };
  },
};

/** A Say element as written: its text, and any element inside it (SSML) as a tag. */
function spoken(say: TwimlNode): string {
  return say.text + say.children.map((child) => `<${child.name}>`).join('');
}

export const voiceDriver: ConformanceDriver = {
  name: 'voice (twilio)',
  channel: 'voice',
  capabilities: voiceCapabilities,
  medium: defaultMedia.voice,
  async open() {
    const harness = await createHarness();
    return {
      ...twilioSession(harness, 'voice'),
      // One answer of a call: CallSid:N is the provider id of the N-th answer.
      newProviderId: () => `${uniqueSid('CA')}:1`,
      async inbound(from, text, providerId) {
        const [callSid, n] = providerId.split(':');
        const answer = await harness.post(
          `/webhooks/twilio/voice/gather?n=${n ?? '1'}`,
          callParams(callSid!, from, { SpeechResult: text, Confidence: '0.92' }),
        );
        if (answer.status !== 200) throw new Error(`voice webhook answered ${answer.status}`);
        return findAll(answer.twiml!, 'Say').map((say) => ({ text: spoken(say), buttons: [] }));
      },
      async malformed() {
        return (await harness.post('/webhooks/twilio/voice/gather?n=1', { SpeechResult: 'no call sid' }))
          .status;
      },
    };
  },
};
