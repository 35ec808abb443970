/**
 * Checks shared by the Official Account's and WeCom's callbacks: the timestamp is recent (a replayed
 * or forged request signed long ago is refused) and refusals are logged, counted and answered in the
 * API's error shape — never with a 5xx.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelContext } from '../../src/port/channel.js';
import { refuseRequest } from '../../src/port/refusal.js';

/** WeChat signs each callback with its time: one more than this far from our clock is refused. */
export const MAX_SKEW_SECONDS = 300;

export function isFresh(timestamp: string | undefined, now: Date): boolean {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && Math.abs(now.getTime() / 1000 - seconds) <= MAX_SKEW_SECONDS;
}

/** A refused callback, answered by the channels' one rule (src/port/refusal.ts). */
export function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    channel: string;
    context: ChannelContext | null;
    status: 400 | 403;
    reason: string;
    message: string;
  },
) {
  return refuseRequest(
    request,
    reply,
    {
      channel: options.channel,
      status: options.status,
      code: options.status === 403 ? 'SUPPORT_ERR_WEBHOOK_SIGNATURE' : 'SUPPORT_ERR_WEBHOOK_PAYLOAD',
      message: options.message,
      event: `${options.channel} callback refused: ${options.message}`,
      reason: options.reason,
      log: { reason: options.reason },
    },
    options.context?.metrics,
  );
}

/** The query string's values, as single strings. */
export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const value = (name: string) => {
    const raw = query[name];
    return typeof raw === 'string'
      ? raw
      : Array.isArray(raw) && typeof raw[0] === 'string'
        ? raw[0]
        : undefined;
  };
  return {
    signature: value('signature'),
    msg_signature: value('msg_signature'),
    timestamp: value('timestamp'),
    nonce: value('nonce'),
    echostr: value('echostr'),
    openid: value('openid'),
  };
}

/** WeChat posts XML as text/xml; the body is taken as a string (parsed with fast-xml-parser later). */
export const XML_TYPES = ['text/xml', 'application/xml', 'text/plain'];
export const XML_BODY_LIMIT = 256 * 1024;
