/**
 * The terminal as a channel: a person at a keyboard plays a customer on any medium (SMS, email, chat,
 * a call's keypad). It uses the same port as every provider — receive through the context, replies
 * rendered as the medium's profile says — and has no sender: its replies come back inline.
 */
import { randomUUID } from 'node:crypto';
import { renderReply } from '../../src/engine/render.js';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/port/channel.js';
import { defaultMedia } from '../../src/port/medium.js';
import type { ChannelKind, InboundResult, Lang } from '../../src/port/messages.js';

export interface TerminalTurn {
  result: InboundResult;
  /** Each reply as the medium shows it (choices written out, or as buttons). */
  shown: Array<{ text: string; buttons: string[] }>;
}

export interface TerminalAdapter extends ChannelAdapter {
  /** One customer message from `from`; the turn's result and its replies as the medium shows them. */
  say(from: string, text: string, options?: { lang?: Lang }): Promise<TerminalTurn>;
}

/** A person at a keyboard: no provider ids, nothing to refuse or report, nothing to malform. */
export const terminalCapabilities: ChannelCapabilities = {
  providerMessageIds: false,
  optOut: false,
  sendFailures: [],
  deliveryReports: [],
  inbound: 'local',
};

export function createTerminalAdapter(kind: ChannelKind): TerminalAdapter {
  const medium = defaultMedia[kind];
  let context: ChannelContext | null = null;
  return {
    name: 'terminal',
    provider: 'terminal',
    kind,
    medium,
    capabilities: terminalCapabilities,
    status: `terminal: on (${kind})`,
    async start(given) {
      context = given;
    },
    async stop() {
      context = null;
    },
    async say(from, text, options = {}) {
      if (!context) throw new Error('the terminal channel is not started');
      const result = await context.receive({
        channel: kind,
        providerMessageId: `terminal-${randomUUID()}`,
        from,
        text,
        receivedAt: context.clock.now(),
        inline: true,
        ...(options.lang ? { langHint: options.lang } : {}),
      });
      const shown = result.replies.map((reply) => ({
        text: renderReply(reply, result.session.lang, medium.choices),
        buttons: medium.choices === 'buttons' ? (reply.choices ?? []) : [],
      }));
      return { result, shown };
    },
  };
}
