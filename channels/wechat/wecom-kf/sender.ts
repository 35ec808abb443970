/**
 * Delivers outbox messages to a WeCom customer-service chat with `kf/send_msg`, our outbox id as its
 * `msgid` so a retry is not sent twice. WeCom's session states are respected: a new or ended session
 * (0, 4) is taken by the bot (1, 智能助手接待) first; one queued for or served by a servicer in WeCom's
 * own tool (2, 3) is theirs, so the message is refused and staff told. Like the Official Account, WeCom
 * accepts messages only within 48 hours of the customer's last one, at most five in a row (95001): both
 * are final for the message and flag the case — WeCom has no template messages for later notices.
 */
import { type ChannelSender, SendError, type SendResult } from '../../../src/port/channel.js';
import type { OutboundMessage } from '../../../src/port/messages.js';
import { WechatApiError } from '../api.js';
import { splitByBytes } from '../parts.js';
import { REACH_ANOTHER_WAY } from '../send-errors.js';
import { externalOfAddress, type KfLine } from './line.js';

const WINDOW_MS = 48 * 3600_000;
const BOT = 1;
const FINAL = new Map<number, string>([
  [95001, 'five messages sent since the customer last wrote'],
  [95018, "the session's state does not let the API write"],
  [95013, 'the session has ended'],
]);

async function takeSession(line: KfLine, external: string, openKfid: string): Promise<void> {
  const state = await line.api.call<{ service_state?: number }>('POST', '/cgi-bin/kf/service_state/get', {
    open_kfid: openKfid,
    external_userid: external,
  });
  const current = state.service_state ?? 0;
  if (current === 2 || current === 3)
    throw new SendError(
      `wecom-kf: a WeCom servicer has this chat (service_state ${current}): reply there, or return it to the bot`,
      true,
      `state_${current}`,
    );
  if (current !== BOT)
    await line.api.call('POST', '/cgi-bin/kf/service_state/trans', {
      open_kfid: openKfid,
      external_userid: external,
      service_state: BOT,
    });
}

function bodiesOf(message: OutboundMessage, external: string, openKfid: string) {
  const parts = splitByBytes(message.text);
  const base = (n: number) => ({
    touser: external,
    open_kfid: openKfid,
    msgid: `${message.id}`.replace(/[^0-9A-Za-z_-]/g, '_').slice(-28) + `_${n}`,
  });
  const texts = message.choices?.length ? parts.slice(0, -1) : parts;
  const bodies: object[] = texts.map((content, n) => ({ ...base(n), msgtype: 'text', text: { content } }));
  if (message.choices?.length)
    bodies.push({
      ...base(bodies.length),
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: parts.at(-1) ?? '',
        list: message.choices.map((content, n) => ({ type: 'click', click: { id: String(n + 1), content } })),
        tail_content: '',
      },
    });
  return bodies;
}

function failureOf(error: unknown): SendError {
  if (error instanceof SendError) return error;
  if (error instanceof WechatApiError) {
    const why = FINAL.get(error.errcode);
    if (why) return new SendError(`wecom-kf: ${why}: ${REACH_ANOTHER_WAY}`, true, error.errcode);
    if (error.errcode === -1) return new SendError(`wecom-kf: ${error.message}`, false, -1);
    return new SendError(`wecom-kf: ${error.message}`, true, error.errcode);
  }
  return new SendError(`wecom-kf: ${error instanceof Error ? error.message : String(error)}`, false);
}

export function createKfSender(line: () => KfLine): ChannelSender {
  return {
    kind: 'chat',
    provider: 'wecom-kf',
    async send(message: OutboundMessage): Promise<SendResult> {
      const started = line();
      const external =
        (message.replyContext?.external_userid as string | undefined) ?? externalOfAddress(message.to);
      const openKfid = message.replyContext?.open_kfid as string | undefined;
      try {
        if (!external || !openKfid)
          throw new SendError('wecom-kf: no customer-service chat to write to', true, 'no_chat');
        const last = await started.context.store.get<number>(`last-in:${external}`);
        if (!last || started.context.clock.now().getTime() - last > WINDOW_MS)
          throw new SendError(
            `wecom-kf: the customer has not written for 48 hours: ${REACH_ANOTHER_WAY}`,
            true,
            'window',
          );
        await takeSession(started, external, openKfid);
        const bodies = bodiesOf(message, external, openKfid);
        if (bodies.length === 0) throw new SendError('wecom-kf: nothing to send (empty text)', true);
        let providerId = '';
        for (const body of bodies) {
          try {
            providerId = String(
              (await started.api.call<{ msgid?: string }>('POST', '/cgi-bin/kf/send_msg', body)).msgid ?? '',
            );
          } catch (error) {
            // The same msgid again: WeCom has it already (an earlier try whose answer was lost).
            if (error instanceof WechatApiError && error.errcode === 95017) continue;
            throw error;
          }
        }
        return { providerId: providerId || message.id };
      } catch (error) {
        const failure = failureOf(error);
        started.context.logger.warn(
          {
            channel: 'wecom-kf',
            message: message.id,
            caseRef: message.caseRef,
            code: failure.providerCode,
            permanent: failure.permanent,
            err: failure.message,
          },
          failure.permanent
            ? 'wecom-kf message refused (permanent): the case is flagged'
            : 'wecom-kf message not sent (will retry)',
        );
        throw failure;
      }
    },
  };
}
