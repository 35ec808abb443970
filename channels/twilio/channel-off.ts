/**
 * A Twilio channel that is off still answers its webhook paths: with no auth token nothing can be
 * verified, so every request is refused (403, like a bad signature) with a log line saying why —
 * a number pointed at a server whose channel is off shows up in Twilio's debugger and in our log,
 * instead of as a puzzling 404.
 */
import formbody from '@fastify/formbody';
import type { ChannelAdapter, ChannelContext, MediumProfile } from '../../src/port/channel.js';
import type { ChannelKind } from '../../src/port/messages.js';

export function channelOffAdapter(
  identity: { name: string; provider: string; kind: ChannelKind; medium: MediumProfile },
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
          request.log.warn(
            { channel, url: request.url, reason },
            `twilio webhook refused: the ${channel} channel is off`,
          );
          context?.metrics?.webhookRejected.inc({ channel, reason: 'channel_off' });
          return reply.code(403).send({
            error: {
              code: 'SUPPORT_ERR_WEBHOOK_SIGNATURE',
              message: `the ${channel} channel is off (${reason}): no request can be verified`,
            },
          });
        });
      }
    },
  };
}
