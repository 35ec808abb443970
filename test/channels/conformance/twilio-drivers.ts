/** Conformance drivers for the Twilio SMS and voice channels: the harness's signed webhooks and stand-in. */
import { createHarness, type Harness } from '../twilio/support/harness.js';
import { callParams, smsParams } from '../twilio/support/requests.js';
import { findAll } from '../twilio/support/twiml.js';
import type { ConformanceDriver, ConformanceSession } from './driver.js';

let numbers = 0;
const newNumber = () =>
  `+86139${String(1_000_000 + numbers++ * 7919 + Math.floor(Math.random() * 900)).padStart(8, '0')}`;

function twilioSession(harness: Harness, name: 'sms' | 'voice'): Omit<ConformanceSession, 'inbound'> {
  harness.startWorkers();
  const adapter = harness.runtime.channels.find((channel) => channel.name === name)!;
  return {
    runtime: harness.runtime,
    adapter,
    logs: harness.logs,
    newAddress: newNumber,
    async received(address, count) {
      return (await harness.textsTo(address, count)).map((form) => form.Body ?? '');
    },
    failNextSend(address, kind) {
      harness.standIn.failNext(
        address,
        kind === 'temporary'
          ? { status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } }
          : { status: 400, body: { code: 21211, message: "The 'To' number is not valid.", status: 400 } },
      );
    },
    close: () => harness.close(),
  };
}

export const smsDriver: ConformanceDriver = {
  name: 'sms (twilio)',
  providerIds: true,
  async open() {
    const harness = await createHarness();
    return {
      ...twilioSession(harness, 'sms'),
      async inbound(from, text, providerId) {
        const answer = await harness.post(
          '/webhooks/twilio/sms',
          smsParams(from, text, { MessageSid: providerId }),
        );
        if (answer.status !== 200) throw new Error(`sms webhook answered ${answer.status}`);
        return [];
      },
      async optOut(address) {
        await harness.post('/webhooks/twilio/sms', smsParams(address, 'STOP'));
      },
      async malformed() {
        return (await harness.post('/webhooks/twilio/sms', { Body: 'no sender, no sid' })).status;
      },
    };
  },
};

export const voiceDriver: ConformanceDriver = {
  name: 'voice (twilio)',
  providerIds: true,
  async open() {
    const harness = await createHarness();
    const session = twilioSession(harness, 'voice');
    return {
      ...session,
      // A call has no sender of its own: what it cannot say goes by SMS, through the SMS adapter.
      failNextSend: undefined,
      async inbound(from, text, providerId) {
        // One answer of a call: CallSid:N is the provider id of the N-th answer.
        const [callSid, n] = providerId.split(':');
        const answer = await harness.post(
          `/webhooks/twilio/voice/gather?n=${n ?? '1'}`,
          callParams(callSid!, from, { SpeechResult: text, Confidence: '0.92' }),
        );
        if (answer.status !== 200) throw new Error(`voice webhook answered ${answer.status}`);
        return findAll(answer.twiml!, 'Say').map((say) => say.text);
      },
      async malformed() {
        return (await harness.post('/webhooks/twilio/voice/gather?n=1', { SpeechResult: 'no call sid' }))
          .status;
      },
    };
  },
};
