/**
 * The phone channel: Twilio voice webhooks in, TwiML out. It has no sender of its own — its medium
 * profile says what a caller is sent later (the callback confirmation, staff replies) goes by SMS.
 * Off, with one start-up line saying why, when no Twilio setting is present.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { type ChannelAdapter, type ChannelCapabilities, defineChannel } from '../../src/port/channel.js';
import { defaultMedia } from '../../src/port/medium.js';
import { channelOffAdapter } from './channel-off.js';
import { maskNumber, twilioSetup } from './settings.js';
import { requireTwilioSignature } from './signature.js';
import { callStartHandler, gatherHandler } from './voice-call.js';
import { dialStatusHandler, whisperHandler } from './voice-dial.js';
import { DIAL_STATUS_PATH, GATHER_PATH, VOICE_PATH, VoiceLine, WHISPER_PATH } from './voice-line.js';
import { voiceTextKeys } from './voice-texts.js';

function voiceRoutes(line: VoiceLine): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody);
    app.addHook(
      'preHandler',
      requireTwilioSignature({
        authToken: line.settings.authToken,
        publicBaseUrl: line.settings.publicBaseUrl,
        channel: 'voice',
        metrics: () => line.context.metrics,
      }),
    );
    app.post(VOICE_PATH, callStartHandler(line));
    app.post(GATHER_PATH, gatherHandler(line));
    app.post(DIAL_STATUS_PATH, dialStatusHandler(line));
    app.post(WHISPER_PATH, whisperHandler(line));
  };
}

/**
 * `CallSid:N` names each answer of a call; there is no sender of its own (what a caller is sent later
 * goes by SMS) and no opt-out words on a call.
 */
export const voiceCapabilities: ChannelCapabilities = {
  providerMessageIds: true,
  optOut: false,
  sendFailures: [],
  deliveryReports: [],
  inbound: 'http',
};

export const voiceChannel = defineChannel({
  name: 'voice',
  settings: twilioSetup,
  create(setup): ChannelAdapter {
    const identity = {
      name: 'voice',
      provider: 'twilio',
      kind: 'voice' as const,
      medium: defaultMedia.voice,
      capabilities: voiceCapabilities,
    };
    const paths = [VOICE_PATH, GATHER_PATH, DIAL_STATUS_PATH, WHISPER_PATH];
    if (!setup.on) return channelOffAdapter(identity, paths, setup.reason);
    const { settings } = setup;
    const line = new VoiceLine(settings);
    const target = settings.transferTarget;
    const transfer = target
      ? `transfers to ${target.kind === 'number' ? maskNumber(target.value) : target.value} in business hours`
      : 'no SUPPORT_PHONE_NUMBER: callers asking for a person get a callback promise';
    return {
      ...identity,
      status: `voice: on (webhooks at ${settings.publicBaseUrl}${VOICE_PATH}, ${transfer})`,
      texts: voiceTextKeys,
      async start(context) {
        line.start(context);
      },
      async stop() {},
      routes: voiceRoutes(line),
    };
  },
});
