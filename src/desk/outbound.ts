/**
 * Turns a turn's replies into outbox messages. Email gets one message per turn (with choices written out),
 * other channels one message per reply. Ids derive from the work item, so a replayed turn re-adds the
 * same jobs and BullMQ ignores them.
 */
import type { TurnOutput } from '../engine/engine.js';
import { renderReply } from '../engine/render.js';
import type { InboundMessage, OutboundMessage } from '../engine/types.js';

export function outboundFor(
  output: TurnOutput,
  message: InboundMessage,
  itemId: string,
  now: Date,
): OutboundMessage[] {
  const lang = output.session.lang;
  const base = {
    channel: message.channel,
    to: message.from,
    lang,
    customerId: output.profile.id,
    author: 'bot' as const,
    createdAt: now.toISOString(),
    ...(output.case ? { caseRef: output.case.ref } : {}),
    ...(message.replyContext ? { replyContext: message.replyContext } : {}),
  };
  if (output.replies.length === 0) return [];
  if (message.channel === 'email') {
    const text = output.replies.map((reply) => renderReply(reply, lang, 'numbered')).join('\n\n');
    return [{ ...base, id: `${itemId}-r0`, text }];
  }
  return output.replies.map((reply, n) => ({
    ...base,
    id: `${itemId}-r${n}`,
    text: reply.text,
    ...(reply.choices ? { choices: reply.choices } : {}),
  }));
}
