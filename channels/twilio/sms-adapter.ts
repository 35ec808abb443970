/**
 * The SMS channel: Twilio webhooks in (texts and delivery reports), the Twilio REST API out. Off, with
 * one start-up line saying why, when no Twilio setting is present.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import type { ChannelAdapter } from '../../src/channel.js';
import { deliveryStore } from '../../src/queues/delivery.js';
import type { Runtime } from '../../src/runtime.js';
import type { ReadinessCheck } from '../../src/server/health.js';
import { channelOffPlugin } from './channel-off.js';
import { registerComplianceCommands } from './compliance-commands.js';
import { createTwilioClient } from './rest-client.js';
import { maskNumber, type TwilioSettings, twilioSetup } from './settings.js';
import { requireTwilioSignature } from './signature.js';
import { createSmsSender, SMS_STATUS_PATH } from './sms-sender.js';
import { smsStatusHandler } from './sms-status.js';
import { SMS_PATH, smsInboundHandler } from './sms-webhook.js';

/** /readyz asks Twilio at most this often (the probe may run every few seconds). */
const READINESS_CACHE_MS = 30_000;

function smsPlugin(runtime: Runtime, settings: TwilioSettings): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody);
    app.addHook(
      'preHandler',
      requireTwilioSignature({
        authToken: settings.authToken,
        publicBaseUrl: settings.publicBaseUrl,
        channel: 'sms',
        ...(runtime.metrics ? { metrics: runtime.metrics } : {}),
      }),
    );
    app.post(SMS_PATH, smsInboundHandler(runtime));
    app.post(SMS_STATUS_PATH, smsStatusHandler(runtime));
  };
}

function twilioReadiness(fetchAccount: () => Promise<unknown>): ReadinessCheck {
  // Successes and failures are both remembered for a while, so probes cannot make us call Twilio
  // on every request.
  let last: { at: number; error: Error | null } | null = null;
  return {
    name: 'twilio',
    async check() {
      if (!last || Date.now() - last.at >= READINESS_CACHE_MS) {
        let error: Error | null = null;
        try {
          await fetchAccount();
        } catch (failure) {
          error = failure instanceof Error ? failure : new Error(String(failure));
        }
        last = { at: Date.now(), error };
      }
      if (last.error) throw last.error;
    },
  };
}

export function createSmsAdapter(runtime: Runtime): ChannelAdapter {
  registerComplianceCommands(runtime.desk);
  const setup = twilioSetup(runtime.config);
  if (!setup.on) {
    return {
      name: 'sms',
      status: `sms: off (${setup.reason})`,
      plugin: channelOffPlugin(runtime, 'sms', [SMS_PATH, SMS_STATUS_PATH], setup.reason),
    };
  }
  const { settings } = setup;
  const client = createTwilioClient(settings);
  const sender = createSmsSender({
    settings,
    messages: client.messages,
    redis: runtime.redis,
    keyPrefix: runtime.config.REDIS_KEY_PREFIX,
    deliveries: deliveryStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX),
    logger: runtime.logger,
    now: () => runtime.clock.now(),
  });
  const from = [
    settings.fromNumber ? `from ${maskNumber(settings.fromNumber)}` : null,
    settings.messagingServiceSid ? `messaging service ${settings.messagingServiceSid}` : null,
  ].filter(Boolean);
  const via = settings.apiBaseUrl ? `, REST API at ${settings.apiBaseUrl}` : '';
  return {
    name: 'sms',
    status: `sms: on (${from.join(', ')}, webhooks at ${settings.publicBaseUrl}${SMS_PATH}${via})`,
    plugin: smsPlugin(runtime, settings),
    sender,
    readiness: twilioReadiness(() => client.api.v2010.accounts(settings.accountSid).fetch()),
  };
}
