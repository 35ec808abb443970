/**
 * Turns a turn's replies into outbox messages, as the medium asks: one message per turn with the
 * choices written out (an email; SMS parts that arrive in order — the SMS sender splits long text on
 * sentence boundaries), or one message per reply with its buttons (chat). Ids derive from the work
 * item, so a replayed turn re-adds the same jobs and BullMQ ignores them.
 */
import type { TurnOutput } from '../engine/engine.js';
import { renderReply } from '../engine/render.js';
import type { MediumDirectory, MediumProfile } from '../port/medium.js';
import type { InboundMessage, OutboundMessage } from '../port/messages.js';

export function outboundFor(
  output: TurnOutput,
  message: InboundMessage,
  medium: MediumProfile,
  media: MediumDirectory,
  itemId: string,
  now: Date,
): OutboundMessage[] {
  if (output.replies.length === 0) return [];
  const lang = output.session.lang;
  const base = {
    channel: media.laterKind(message.channel, message.provider),
    ...(message.provider ? { provider: message.provider } : {}),
    to: message.from,
    lang,
    customerId: output.profile.id,
    author: 'bot' as const,
    createdAt: now.toISOString(),
    ...(output.case ? { caseRef: output.case.ref } : {}),
    ...(message.replyContext ? { replyContext: message.replyContext } : {}),
  };
  if (medium.messagesPerTurn === 'one') {
    // Written out for the medium that carries them (a call's later replies are texts, not keypad prompts).
    const style = media.of(base.channel, message.provider).choices;
    // A medium that shows buttons keeps them for the turn's last reply (the question); earlier
    // choices, if any, are written out.
    const last = output.replies.at(-1)!;
    const buttons = style === 'buttons' && last.choices?.length ? last : null;
    const text = output.replies
      .map((reply) =>
        reply === buttons ? reply.text : renderReply(reply, lang, style === 'buttons' ? 'numbered' : style),
      )
      .join(medium.separator);
    return [
      {
        ...base,
        id: `${itemId}-r0`,
        text,
        ...(buttons ? { choices: buttons.choices! } : {}),
        ...(buttons?.expects ? { expects: buttons.expects } : {}),
      },
    ];
  }
  return output.replies.map((reply, n) => ({
    ...base,
    id: `${itemId}-r${n}`,
    text: reply.text,
    ...(reply.choices ? { choices: reply.choices } : {}),
    ...(reply.expects ? { expects: reply.expects } : {}),
  }));
}
