/**
 * The phone channel: Twilio voice webhooks in, TwiML out. It has no sender of its own — whatever a
 * caller is sent later (the callback confirmation, staff replies) goes by SMS. Off, with one start-up
 * line saying why, when no Twilio setting is present.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import type { ChannelAdapter } from '../../src/channel.js';
import type { Runtime } from '../../src/runtime.js';
import { channelOffPlugin } from './channel-off.js';
import { maskNumber, twilioSetup } from './settings.js';
import { requireTwilioSignature } from './signature.js';
import { callStartHandler, gatherHandler } from './voice-call.js';
import { registerVoiceCommands } from './voice-commands.js';
import { dialStatusHandler, whisperHandler } from './voice-dial.js';
import { DIAL_STATUS_PATH, GATHER_PATH, VOICE_PATH, VoiceLine, WHISPER_PATH } from './voice-line.js';

function voicePlugin(line: VoiceLine): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody);
    app.addHook(
      'preHandler',
      requireTwilioSignature({
        authToken: line.settings.authToken,
        publicBaseUrl: line.settings.publicBaseUrl,
        channel: 'voice',
        ...(line.runtime.metrics ? { metrics: line.runtime.metrics } : {}),
      }),
    );
    app.post(VOICE_PATH, callStartHandler(line));
    app.post(GATHER_PATH, gatherHandler(line));
    app.post(DIAL_STATUS_PATH, dialStatusHandler(line));
    app.post(WHISPER_PATH, whisperHandler(line));
  };
}

export function createVoiceAdapter(runtime: Runtime): ChannelAdapter {
  registerVoiceCommands(runtime.desk);
  const setup = twilioSetup(runtime.config);
  if (!setup.on) {
    return {
      name: 'voice',
      status: `voice: off (${setup.reason})`,
      plugin: channelOffPlugin(
        runtime,
        'voice',
        [VOICE_PATH, GATHER_PATH, DIAL_STATUS_PATH, WHISPER_PATH],
        setup.reason,
      ),
    };
  }
  const { settings } = setup;
  const target = settings.transferTarget;
  const transfer = target
    ? `transfers to ${target.kind === 'number' ? maskNumber(target.value) : target.value} in business hours`
    : 'no SUPPORT_PHONE_NUMBER: callers asking for a person get a callback promise';
  return {
    name: 'voice',
    status: `voice: on (webhooks at ${settings.publicBaseUrl}${VOICE_PATH}, ${transfer})`,
    plugin: voicePlugin(new VoiceLine(runtime, settings)),
  };
}
