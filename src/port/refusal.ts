/**
 * How a channel turns away a request it cannot take (a malformed payload, a bad signature, a rate
 * limit): one warning line saying why, the rejected-webhook counter, and a 4xx with the error
 * catalogue's body `{"error":{"code","message"}}`. One rule for every channel, so an operator reads a
 * refusal the same way whichever provider sent the request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ErrorCode } from '../errors.js';
import type { Metrics } from '../metrics.js';

export interface Refusal {
  /** The channel's name, as in its logs and metrics (`sms`, `webchat`…). */
  channel: string;
  /** A 4xx: the provider must not retry what it cannot fix by retrying. */
  status: number;
  code: ErrorCode;
  /** What the caller is told. */
  message: string;
  /** The log line's message: what was refused and why (`… webhook refused: signature missing`). */
  event: string;
  /** The metric's `reason` label (default: the code). */
  reason?: string;
  /** More fields for the log line; they win over the defaults (never secrets or whole addresses). */
  log?: Record<string, unknown>;
}

export function refuseRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: Refusal,
  metrics: Metrics | undefined,
): FastifyReply {
  const { channel, status, code, message } = refusal;
  request.log.warn(
    { channel, url: request.url, status, ip: request.ip, reason: message, ...refusal.log },
    refusal.event,
  );
  metrics?.webhookRejected.inc({ channel, reason: refusal.reason ?? code });
  return reply.code(status).type('application/json').send({ error: { code, message } });
}

/** A zod failure as one line naming each field: `From: Required; Body: Too long`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}
