/**
 * `X-Twilio-Signature`: HMAC-SHA1 with the auth token over the exact URL Twilio requested followed by
 * the POST parameters sorted by name (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
 * Behind a tunnel or proxy the app sees its internal host, so the URL is rebuilt from PUBLIC_BASE_URL
 * and the request's path and query. A request that fails the check is refused with 403 before
 * anything is read from it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import type { Metrics } from '../../src/metrics.js';
import { refuseRequest } from '../../src/port/refusal.js';

export type TwilioParams = Record<string, string | string[]>;

/** True if `signature` is Twilio's signature of `url` and `params` (ports :443/:80 added or not). */
export function isTwilioSignatureValid(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params as Record<string, unknown>);
}

/** The URL Twilio called: the public base plus the path and query this server received. */
export function publicUrlOf(publicBaseUrl: string, requestUrl: string): string {
  return `${publicBaseUrl}${requestUrl}`;
}

/** Form parameters as parsed by @fastify/formbody; anything else (JSON, nothing) counts as no params. */
export function formParams(body: unknown): TwilioParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return body as TwilioParams;
}

/** A Fastify preHandler that answers 403 (and logs why) unless the request is signed by Twilio. */
export function requireTwilioSignature(options: {
  authToken: string;
  publicBaseUrl: string;
  channel: 'sms' | 'voice';
  /** The started channel's metrics, if any. */
  metrics: () => Metrics | undefined;
}) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['x-twilio-signature'];
    const signature = Array.isArray(header) ? header[0] : header;
    const url = publicUrlOf(options.publicBaseUrl, request.url);
    if (isTwilioSignatureValid(options.authToken, signature, url, formParams(request.body))) return;
    const reason = signature ? 'bad_signature' : 'missing_signature';
    return refuseRequest(
      request,
      reply,
      {
        channel: options.channel,
        status: 403,
        code: 'SUPPORT_ERR_WEBHOOK_SIGNATURE',
        message: 'The webhook signature is missing or wrong',
        event: signature
          ? 'twilio webhook refused: X-Twilio-Signature does not match (check TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL)'
          : 'twilio webhook refused: no X-Twilio-Signature header',
        reason,
        log: { url, reason },
      },
      options.metrics(),
    );
  };
}
