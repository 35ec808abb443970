/**
 * The SMS channel: Twilio webhooks in (texts and delivery reports), the Twilio REST API out. Off, with
 * one start-up line saying why, when no Twilio setting is present.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import {
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  defineChannel,
} from '../../src/port/channel.js';
import { defaultMedia, type MediumProfile } from '../../src/port/medium.js';
import { channelOffAdapter } from './channel-off.js';
import { cachedReadiness } from './readiness.js';
import { createTwilioClient } from './rest-client.js';
import { maskNumber, type TwilioSettings, twilioSetup } from './settings.js';
import { requireTwilioSignature } from './signature.js';
import { createSmsSender, SMS_STATUS_PATH } from './sms-sender.js';
import { smsStatusHandler } from './sms-status.js';
import { SMS_PATH, smsInboundHandler } from './sms-webhook.js';
import type { Started } from './started.js';

function smsRoutes(line: Started, settings: TwilioSettings): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody);
    app.addHook(
      'preHandler',
      requireTwilioSignature({
        authToken: settings.authToken,
        publicBaseUrl: settings.publicBaseUrl,
        channel: 'sms',
        metrics: () => line.context.metrics,
      }),
    );
    app.post(SMS_PATH, smsInboundHandler(line));
    app.post(SMS_STATUS_PATH, smsStatusHandler(line));
  };
}

/**
 * MessageSids; STOP / 退订 opt out; the REST API refuses for a while (5xx, 429) or for good (a bad
 * number, 21610 unsubscribed); status callbacks report delivered and failed texts.
 */
export const smsCapabilities: ChannelCapabilities = {
  providerMessageIds: true,
  optOut: true,
  sendFailures: ['temporary', 'permanent'],
  deliveryReports: ['delivered', 'failed'],
  inbound: 'http',
};

/** The SMS medium with the operator's segment budget (SMS_SEGMENT_BUDGET): the sender splits to it. */
export function smsMedium(segmentBudget: number): MediumProfile {
  return { ...defaultMedia.sms, maxSegments: segmentBudget };
}

export const smsChannel = defineChannel({
  name: 'sms',
  settings: twilioSetup,
  create(setup): ChannelAdapter {
    const identity = {
      name: 'sms',
      provider: 'twilio',
      kind: 'sms' as const,
      medium: setup.on ? smsMedium(setup.settings.segmentBudget) : defaultMedia.sms,
      capabilities: smsCapabilities,
    };
    if (!setup.on) return channelOffAdapter(identity, [SMS_PATH, SMS_STATUS_PATH], setup.reason);
    const { settings } = setup;
    const client = createTwilioClient(settings);
    let context: ChannelContext | null = null;
    const line: Started = {
      get context() {
        if (!context) throw new Error('the sms channel is not started');
        return context;
      },
    };
    const from = [
      settings.fromNumber ? `from ${maskNumber(settings.fromNumber)}` : null,
      settings.messagingServiceSid ? `messaging service ${settings.messagingServiceSid}` : null,
    ].filter(Boolean);
    const via = settings.apiBaseUrl ? `, REST API at ${settings.apiBaseUrl}` : '';
    return {
      ...identity,
      status: `sms: on (${from.join(', ')}, webhooks at ${settings.publicBaseUrl}${SMS_PATH}${via})`,
      texts: ['opt_out', 'opt_in', 'help'],
      async start(given) {
        context = given;
      },
      async stop() {},
      routes: smsRoutes(line, settings),
      sender: createSmsSender({ settings, messages: client.messages, line }),
      ready: cachedReadiness(() => client.api.v2010.accounts(settings.accountSid).fetch()),
    };
  },
});
