/**
 * A Twilio channel that is off still answers its webhook paths: with no auth token nothing can be
 * verified, so every request is refused (403, like a bad signature) with a log line saying why —
 * a number pointed at a server whose channel is off shows up in Twilio's debugger and in our log,
 * instead of as a puzzling 404.
 */
import formbody from '@fastify/formbody';
import type {
  ChannelAdapter,
  ChannelCapabilities,
  ChannelContext,
  MediumProfile,
} from '../../src/port/channel.js';
import type { ChannelKind } from '../../src/port/messages.js';
import { refuseRequest } from '../../src/port/refusal.js';

export function channelOffAdapter(
  identity: {
    name: string;
    provider: string;
    kind: ChannelKind;
    medium: MediumProfile;
    capabilities: ChannelCapabilities;
  },
  paths: readonly string[],
  reason: string,
): ChannelAdapter {
  let context: ChannelContext | null = null;
  const channel = identity.name;
  return {
    ...identity,
    status: `${channel}: off (${reason})`,
    async start(given) {
      context = given;
    },
    async stop() {},
    routes: async (app) => {
      await app.register(formbody);
      for (const path of paths) {
        app.post(path, async (request, reply) => {
          return refuseRequest(
            request,
            reply,
            {
              channel,
              status: 403,
              code: 'SUPPORT_ERR_WEBHOOK_SIGNATURE',
              message: `the ${channel} channel is off (${reason}): no request can be verified`,
              event: `twilio webhook refused: the ${channel} channel is off`,
              reason: 'channel_off',
              log: { reason },
            },
            context?.metrics,
          );
        });
      }
    },
  };
}
