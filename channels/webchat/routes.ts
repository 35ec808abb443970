/**
 * The web chat's HTTP side: `GET /` leads a new visitor to `/chat`; the page and its assets (all
 * served by the app, no CDN); a JSON API to start a conversation, send a message and read the
 * history; and the event stream. Abuse limits: per-IP and per-conversation rates, a message size cap,
 * unguessable conversation ids, and each stream bound to its own conversation.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hideConversationIds } from '../../src/logger.js';
import type { ChannelContext } from '../../src/port/channel.js';
import { describeIssues, type Refusal, refuseRequest } from '../../src/port/refusal.js';
import { CHAT_CSS } from './assets/chat-css.js';
import { CHAT_SCRIPT } from './assets/chat-script.js';
import { EMBED_SCRIPT } from './assets/embed-script.js';
import { chatPage } from './assets/page.js';
import { MOST_STREAMS, MOST_STREAMS_PER_ADDRESS, streamEvents } from './event-stream.js';
import { type ChatConversation, type ChatHistory, CONVERSATION_ID } from './history.js';
import type { ChatHub } from './hub.js';
import { addressKey, RateLimiter } from './rate-limit.js';
import type { WebChatSettings } from './settings.js';
import type { WebChatAdapter } from './webchat-adapter.js';

export const CHAT_PATH = '/chat';
const API = '/chat/api/conversations';

export interface WebChatRouteDeps {
  settings: WebChatSettings;
  history: ChatHistory;
  hub: ChatHub;
  adapter: WebChatAdapter;
  run(turn: TurnContext): Promise<void>;
  context(): ChannelContext;
}

const startBody = z
  .object({
    locale: z
      .string()
      .max(35)
      .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/)
      .optional(),
  })
  .strict();
/** The conversation id of a request's path, or null when it cannot be one (the route answers 404). */
function idOf(request: FastifyRequest): string | null {
  const { id } = request.params as { id?: unknown };
  return typeof id === 'string' && CONVERSATION_ID.test(id) ? id : null;
}
const afterQuery = z.object({ after: z.coerce.number().int().min(0).optional() });

/** Refusals answer like every channel's (src/port/refusal.ts), under the web chat's name. */
function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: Pick<Refusal, 'status' | 'code' | 'message'>,
  deps: WebChatRouteDeps,
) {
  return refuseRequest(
    request,
    reply,
    {
      ...refusal,
      channel: 'webchat',
      event: 'web chat request refused',
      // The id in the path is all anyone needs to read the conversation: the log gets its hash.
      log: { url: hideConversationIds(request.url.slice(0, 300)) },
    },
    deps.context().metrics,
  );
}

const notFound = { status: 404, code: 'SUPPORT_ERR_NOT_FOUND', message: 'no such conversation' } as const;
const rateLimited = (message: string) =>
  ({ status: 429, code: 'SUPPORT_ERR_RATE_LIMITED', message }) as const;

/** Per-IP and per-conversation message rates, and new conversations per IP and hour. */
interface ChatLimits {
  perIp: RateLimiter;
  perConversation: RateLimiter;
  starts: RateLimiter;
}

function messageBodyOf(settings: WebChatSettings) {
  return z
    .object({
      text: z
        .string()
        .max(settings.maxMessageLength, `longer than ${settings.maxMessageLength} characters`)
        .optional(),
      value: z.record(z.string(), z.unknown()).optional(),
      clientId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
    })
    .strict();
}

/** The page, its script and style, and the embed snippet: all served by the app, no CDN. */
function pageRoutes(app: FastifyInstance, settings: WebChatSettings): void {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-ancestors ${settings.frameAncestors}`,
  ].join('; ');
  const asset = (type: string, body: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('content-type', type).header('cache-control', 'public, max-age=300').send(body);

  app.get('/', async (_request, reply) => reply.redirect(CHAT_PATH, 302));
  app.get(CHAT_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(chatPage),
  );
  app.get('/chat/assets/chat.js', asset('text/javascript; charset=utf-8', CHAT_SCRIPT));
  app.get('/chat/assets/chat.css', asset('text/css; charset=utf-8', CHAT_CSS));
  app.get('/chat/embed.js', asset('text/javascript; charset=utf-8', EMBED_SCRIPT));
}

/** `POST` a new conversation: the bot greets once, in the browser's language. */
function startRoute(app: FastifyInstance, deps: WebChatRouteDeps, starts: RateLimiter): void {
  const { history, adapter } = deps;
  app.post(API, { bodyLimit: 4096 }, async (request, reply) => {
    const parsed = startBody.safeParse(request.body ?? {});
    if (!parsed.success) {
      const message = 'locale: not a language tag';
      return refuse(request, reply, { status: 400, code: 'SUPPORT_ERR_VALIDATION', message }, deps);
    }
    if (!starts.take(addressKey(request.ip))) {
      reply.header('retry-after', String(starts.retryAfter(addressKey(request.ip))));
      return refuse(request, reply, rateLimited('too many conversations from this address'), deps);
    }
    const context = deps.context();
    const conversation = await history.create(parsed.data.locale ?? 'zh-CN', context.clock.now());
    // The customer joins: the bot greets once, in the browser's language.
    await adapter.processActivity(
      {
        type: 'conversationUpdate',
        from: { id: conversation.userId, name: 'Customer' },
        recipient: { id: 'support-bot', name: 'Support bot' },
        conversation: { id: conversation.id } as Activity['conversation'],
        membersAdded: [{ id: conversation.userId, name: 'Customer' }],
        locale: conversation.locale,
      },
      deps.run,
    );
    return reply.code(201).send({ id: conversation.id });
  });
}

/** A conversation's history, and its event stream (each stream bound to its own conversation). */
function historyRoutes(app: FastifyInstance, deps: WebChatRouteDeps, open: Set<ServerResponse>): void {
  const { history, hub } = deps;
  const streamsByAddress = new Map<string, number>();
  app.get(`${API}/:id`, async (request, reply) => {
    const id = idOf(request);
    const conversation = id ? await history.get(id) : null;
    if (!id || !conversation) return refuse(request, reply, notFound, deps);
    return { id, entries: await history.after(id, 0) };
  });

  app.get(`${API}/:id/events`, async (request, reply) => {
    const id = idOf(request);
    const query = afterQuery.safeParse(request.query);
    const conversation = id ? await history.get(id) : null;
    if (!id || !conversation) return refuse(request, reply, notFound, deps);
    if (hub.count(id) >= MOST_STREAMS)
      return refuse(request, reply, rateLimited('too many open streams for this conversation'), deps);
    // Open streams hold a socket and a timer each: one address keeps only so many.
    const address = addressKey(request.ip);
    const fromAddress = streamsByAddress.get(address) ?? 0;
    if (fromAddress >= MOST_STREAMS_PER_ADDRESS)
      return refuse(request, reply, rateLimited('too many open streams from this address'), deps);
    streamsByAddress.set(address, fromAddress + 1);
    reply.raw.on('close', () => {
      const left = (streamsByAddress.get(address) ?? 1) - 1;
      if (left > 0) streamsByAddress.set(address, left);
      else streamsByAddress.delete(address);
    });
    const header = Number(request.headers['last-event-id']);
    const after =
      Number.isInteger(header) && header >= 0 ? header : query.success ? (query.data.after ?? 0) : 0;
    await streamEvents({ history, hub, open }, request, reply, id, after);
  });
}

/** The message's history entry and activity: both keyed by the browser's id for the message. */
function activityOf(
  conversation: ChatConversation,
  activityId: string,
  body: { text?: string | undefined; value?: Record<string, unknown> | undefined },
): Partial<Activity> {
  const { text, value } = body;
  return {
    type: 'message',
    id: activityId,
    from: { id: conversation.userId, name: 'Customer' },
    recipient: { id: 'support-bot', name: 'Support bot' },
    conversation: { id: conversation.id } as Activity['conversation'],
    ...(text ? { text } : {}),
    ...(value ? { value } : {}),
    locale: conversation.locale,
  };
}

/**
 * `POST` a customer's message: checked, rate-limited, written to the history once (keyed by the
 * browser's id for it, numbered in the same step), then handed to the desk, which dedupes on the same
 * id. A retry after a crash at any point finds the entry and hands it to the desk again: the message
 * is recorded or found recorded, never reported a duplicate and lost.
 */
function messageRoute(app: FastifyInstance, deps: WebChatRouteDeps, limits: ChatLimits): void {
  const { settings, history, hub, adapter } = deps;
  const { perIp, perConversation } = limits;
  const messageBody = messageBodyOf(settings);
  app.post(`${API}/:id/messages`, { bodyLimit: 64 * 1024 }, async (request, reply) => {
    const id = idOf(request);
    const parsed = messageBody.safeParse(request.body);
    if (!parsed.success) {
      const message = describeIssues(parsed.error);
      return refuse(request, reply, { status: 400, code: 'SUPPORT_ERR_VALIDATION', message }, deps);
    }
    const conversation = id ? await history.get(id) : null;
    if (!id || !conversation) return refuse(request, reply, notFound, deps);
    if (!perIp.take(addressKey(request.ip))) {
      reply.header('retry-after', String(perIp.retryAfter(addressKey(request.ip))));
      return refuse(request, reply, rateLimited('too many messages from this address'), deps);
    }
    if (!perConversation.take(id)) {
      reply.header('retry-after', String(perConversation.retryAfter(id)));
      return refuse(request, reply, rateLimited('too many messages in this conversation'), deps);
    }
    const { text, value, clientId } = parsed.data;
    const shown = (text ?? '').trim() || (typeof value?.choice === 'string' ? value.choice : '');
    if (!shown) {
      const message = 'text: empty message';
      return refuse(request, reply, { status: 400, code: 'SUPPORT_ERR_VALIDATION', message }, deps);
    }
    const context = deps.context();
    const activityId =
      clientId ?? `srv-${context.clock.now().getTime()}-${randomBytes(6).toString('base64url')}`;
    const entry = await history.append(
      id,
      { at: context.clock.now().toISOString(), from: 'customer', kind: 'message', text: shown },
      `in:${activityId}`,
    );
    // Erased or expired between the read above and the write.
    if (!entry) return refuse(request, reply, notFound, deps);
    if (!entry.duplicate) hub.wake(id);
    // Run even for a repeat: the first attempt may have died before the desk recorded it.
    await adapter.processActivity(activityOf(conversation, activityId, parsed.data), deps.run);
    return reply
      .code(202)
      .send({ accepted: true, seq: entry.seq, ...(entry.duplicate ? { duplicate: true } : {}) });
  });
}

export function webChatRoutes(deps: WebChatRouteDeps, open: Set<ServerResponse>): FastifyPluginAsync {
  const { settings, hub } = deps;
  const limits: ChatLimits = {
    perIp: new RateLimiter(settings.ratePerMinute, 60_000),
    perConversation: new RateLimiter(settings.conversationRatePerMinute, 60_000),
    starts: new RateLimiter(settings.conversationsPerHour, 3600_000),
  };
  return async (app) => {
    app.addHook('preClose', async () => {
      for (const stream of open) stream.end();
      open.clear();
      hub.clear();
    });
    pageRoutes(app, settings);
    startRoute(app, deps, limits.starts);
    historyRoutes(app, deps, open);
    messageRoute(app, deps, limits);
  };
}
