/**
 * `POST /api/messages`: the Bot Framework messaging endpoint. The body is checked before botbuilder
 * sees it (a body without `type` makes CloudAdapter throw instead of answering 400); activity types the
 * bot does not act on get a quiet 200; in local mode a serviceUrl that is not loopback or allow-listed
 * is refused with 401 (botbuilder would otherwise POST our replies wherever the activity says). Then
 * CloudAdapter checks the token (when an app id is set) and runs the bot. Fastify's reply has no `end()`
 * and warns on a double send, so CloudAdapter writes into a small shim and we answer once.
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelContext } from '../../src/port/channel.js';
import { describeIssues, type Refusal, refuseRequest } from '../../src/port/refusal.js';
import { activitySchema, BODY_LIMIT, HANDLED_TYPES, handledSchema } from './activity-schema.js';
import { serviceUrlRefusal } from './service-url-guard.js';
import type { BotFrameworkSettings } from './settings.js';

export const MESSAGES_PATH = '/api/messages';

export interface MessagesRouteDeps {
  adapter: CloudAdapter;
  settings: BotFrameworkSettings;
  run(turn: TurnContext): Promise<void>;
  context(): ChannelContext;
}

/** An activity the endpoint will not run: a 4xx with the catalogue's error body and a log line. */
function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: Pick<Refusal, 'status' | 'code' | 'message'>,
  deps: MessagesRouteDeps,
) {
  return refuseRequest(
    request,
    reply,
    { ...refusal, channel: 'botframework', event: 'bot framework activity refused' },
    deps.context().metrics,
  );
}

export function messagesRoute(deps: MessagesRouteDeps): FastifyPluginAsync {
  return async (app) => {
    // One limit, the app's own: an activity over 1 MB is refused with 413 before it is parsed.
    app.post(MESSAGES_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const parsed = activitySchema.safeParse(request.body);
      if (!parsed.success) {
        const message = describeIssues(parsed.error);
        return refuse(request, reply, { status: 400, code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD', message }, deps);
      }
      const activity = parsed.data;
      if (!HANDLED_TYPES.has(activity.type)) {
        request.log.debug(
          { channel: 'botframework', type: activity.type },
          'bot framework activity type ignored',
        );
        return reply.code(200).send();
      }
      const handled = handledSchema.safeParse(activity);
      if (!handled.success) {
        const message = describeIssues(handled.error);
        return refuse(request, reply, { status: 400, code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD', message }, deps);
      }
      if (!deps.settings.appId) {
        const refusal = serviceUrlRefusal(activity.serviceUrl, deps.settings.allowedServiceOrigins);
        if (refusal)
          return refuse(
            request,
            reply,
            { status: 401, code: 'SUPPORT_ERR_AUTH_REQUIRED', message: `local mode: ${refusal}` },
            deps,
          );
      }

      let status = 200;
      let body: unknown;
      const headers: Record<string, string> = {};
      const shim = {
        status(code: number) {
          status = code;
          return shim;
        },
        header(name: string, value: string) {
          headers[name] = value;
          return shim;
        },
        send(value: unknown) {
          body = value;
          return shim;
        },
        end() {
          return shim;
        },
      };
      const logic = async (turn: TurnContext) => {
        try {
          await deps.run(turn);
        } catch (error) {
          // Answered 500, so the channel delivers the activity again; the desk dedupes it.
          request.log.error(
            { err: error, channel: 'botframework', activity: activity.id },
            'bot framework turn failed',
          );
          throw error;
        }
      };
      try {
        await deps.adapter.process(
          { body: activity, headers: request.headers as Record<string, string>, method: request.method },
          shim as never,
          logic,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return refuse(request, reply, { status: 400, code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD', message }, deps);
      }
      if (status === 401)
        request.log.warn({ channel: 'botframework', reason: body }, 'bot framework token refused');
      // The turn's error is logged above; the channel needs only the status to retry.
      if (status >= 500) body = { error: { code: 'SUPPORT_ERR_INTERNAL', message: 'Internal error' } };
      reply.code(status).headers(headers);
      return body === undefined ? reply.send() : reply.send(body);
    });
  };
}
