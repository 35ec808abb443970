/**
 * Turns a turn's replies into outbox messages. Email and SMS get one message per turn with the choices
 * written out — one email, and SMS parts that arrive in order (the SMS sender splits long text on
 * sentence boundaries); chat gets one message per reply with its buttons. Ids derive from the work item,
 * so a replayed turn re-adds the same jobs and BullMQ ignores them.
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
  if (message.channel === 'email' || message.channel === 'sms' || message.channel === 'voice') {
    const separator = message.channel === 'email' ? '\n\n' : '\n';
    const text = output.replies.map((reply) => renderReply(reply, lang, 'numbered')).join(separator);
    return [
      { ...base, channel: message.channel === 'voice' ? 'sms' : message.channel, id: `${itemId}-r0`, text },
    ];
  }
  return output.replies.map((reply, n) => ({
    ...base,
    id: `${itemId}-r${n}`,
    text: reply.text,
    ...(reply.choices ? { choices: reply.choices } : {}),
  }));
}
