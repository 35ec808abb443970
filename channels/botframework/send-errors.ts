/**
 * A connector's refusal as a SendError. 403 and 404 on a proactive send mean the bot is no longer in
 * the conversation (removed, uninstalled, the conversation deleted): final, and the case is flagged so
 * staff reach the customer another way. 429, 5xx and network faults are retried by the outbox.
 */
import { SendError } from '../../src/port/channel.js';

export function statusOf(error: unknown): number | undefined {
  const candidate = error as { statusCode?: unknown; response?: { status?: unknown } } | null;
  if (typeof candidate?.statusCode === 'number') return candidate.statusCode;
  if (typeof candidate?.response?.status === 'number') return candidate.response.status;
  return undefined;
}

export function sendErrorOf(error: unknown, provider: string): SendError {
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 403 || status === 404)
    return new SendError(
      `${provider}: the bot was removed from the conversation (${status})`,
      true,
      `bot_removed_${status}`,
    );
  if (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    status !== 429 &&
    status !== 401
  )
    return new SendError(`${provider}: the channel refused the message (${status}): ${detail}`, true, status);
  return new SendError(
    `${provider}: the channel did not take the message${status ? ` (${status})` : ''}: ${detail}`,
    false,
    status,
  );
}
