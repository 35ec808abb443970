/**
 * Delivers outbox messages to a follower. Within 48 hours of the customer's last message (or tap,
 * scan, follow) through the customer-service API (客服消息): text, and the question's choices as a
 * `msgmenu` the customer taps. Later, a notice goes as the template or subscription message configured
 * for it; anything else, or a notice without one, is refused for good so the case is flagged and staff
 * are told to reach the customer another way. Parts already accepted are remembered, so a retry after
 * a crash sends only what is missing (the customer-service API has no id to ask it by: a part whose
 * answer was lost is sent again).
 */
import { type ChannelSender, SendError, type SendResult } from '../../src/port/channel.js';
import type { OutboundMessage } from '../../src/port/messages.js';
import { WechatApiError } from './api.js';
import { lastCustomerActivity, openidOfAddress, type WechatLine, WINDOW_MS } from './line.js';
import { splitByBytes } from './parts.js';
import { REACH_ANOTHER_WAY, sendErrorOf, WINDOW_CLOSED } from './send-errors.js';
import { templateData } from './templates.js';

const PROGRESS_TTL = 7 * 24 * 3600;
/** Sent a little before the window closes, not in its last minute. */
const WINDOW_MARGIN_MS = 60_000;

/** The customer-service API bodies one message becomes: texts, the last with the choices as a menu. */
export function customMessagesOf(message: Pick<OutboundMessage, 'text' | 'choices'>, openid: string) {
  const parts = splitByBytes(message.text);
  if (parts.length === 0 && !message.choices?.length) return [];
  const texts = message.choices?.length ? parts.slice(0, -1) : parts;
  const bodies: object[] = texts.map((content) => ({ touser: openid, msgtype: 'text', text: { content } }));
  if (message.choices?.length)
    bodies.push({
      touser: openid,
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: parts.at(-1) ?? '',
        list: message.choices.map((content, n) => ({ id: String(n + 1), content })),
        tail_content: '',
      },
    });
  return bodies;
}

async function sendTemplate(
  line: WechatLine,
  message: OutboundMessage,
  openid: string,
): Promise<SendResult | null> {
  const template = message.notice ? line.settings.templates[message.notice.kind] : undefined;
  if (!template || !message.notice) return null;
  const data = templateData(template, message.notice, message.text);
  if (template.type === 'subscribe') {
    await line.api.call('POST', '/cgi-bin/message/subscribe/bizsend', {
      touser: openid,
      template_id: template.template_id,
      ...(template.url ? { page: template.url } : {}),
      data,
    });
    return { providerId: `sub-${message.id}` };
  }
  const answer = await line.api.call<{ msgid?: number | string }>('POST', '/cgi-bin/message/template/send', {
    touser: openid,
    template_id: template.template_id,
    ...(template.url ? { url: template.url } : {}),
    data,
    // WeChat sends one message per openid and client_msg_id: a retry is not sent twice.
    client_msg_id: message.id.slice(0, 64),
  });
  return { providerId: `tpl-${answer.msgid ?? message.id}` };
}

function windowClosed(message: OutboundMessage, last: number | null): SendError {
  const since = last ? `last wrote ${new Date(last).toISOString()}` : 'has not written to this account';
  const what = message.notice
    ? `no template is configured for the ${message.notice.kind} notice`
    : 'only a notice can go as a template';
  return new SendError(
    `wechat: the customer ${since}, outside WeChat's 48-hour window, and ${what}: ${REACH_ANOTHER_WAY}`,
    true,
    45015,
  );
}

async function sendLater(line: WechatLine, message: OutboundMessage, openid: string, last: number | null) {
  const sent = await sendTemplate(line, message, openid);
  if (!sent) throw windowClosed(message, last);
  line.context.logger.info(
    {
      channel: 'wechat',
      message: message.id,
      caseRef: message.caseRef,
      notice: message.notice?.kind,
      providerId: sent.providerId,
    },
    'wechat notice sent as a template message (outside the 48-hour window)',
  );
  return sent;
}

async function sendInWindow(line: WechatLine, message: OutboundMessage, openid: string): Promise<SendResult> {
  const { store, logger } = line.context;
  const bodies = customMessagesOf(message, openid);
  if (bodies.length === 0) throw new SendError('wechat: nothing to send (empty text)', true);
  const key = `sent:${message.id}`;
  let done = (await store.get<number>(key)) ?? 0;
  for (; done < bodies.length; done++) {
    await line.api.call('POST', '/cgi-bin/message/custom/send', bodies[done]);
    if (done < bodies.length - 1) await store.set(key, done + 1, PROGRESS_TTL);
  }
  logger.info(
    {
      channel: 'wechat',
      message: message.id,
      caseRef: message.caseRef,
      parts: bodies.length,
      menu: Boolean(message.choices?.length),
    },
    'wechat customer-service message sent',
  );
  return { providerId: `cs-${message.id}` };
}

export function createWechatSender(line: () => WechatLine): ChannelSender {
  return {
    kind: 'chat',
    provider: 'wechat',
    async send(message: OutboundMessage): Promise<SendResult> {
      const started = line();
      const openid = (message.replyContext?.openid as string | undefined) ?? openidOfAddress(message.to);
      if (!openid)
        throw new SendError(`wechat: ${message.to} is not a follower's address`, true, 'no_openid');
      const last = await lastCustomerActivity(started.context, openid);
      const now = started.context.clock.now().getTime();
      try {
        if (!last || now - last > WINDOW_MS - WINDOW_MARGIN_MS)
          return await sendLater(started, message, openid, last);
        try {
          return await sendInWindow(started, message, openid);
        } catch (error) {
          // WeChat's own count says the window is closed: a notice may still go as a template.
          if (error instanceof WechatApiError && WINDOW_CLOSED.has(error.errcode) && message.notice)
            return await sendLater(started, message, openid, last);
          throw error;
        }
      } catch (error) {
        const failure = sendErrorOf(error, 'wechat');
        started.context.logger.warn(
          {
            channel: 'wechat',
            message: message.id,
            caseRef: message.caseRef,
            code: failure.providerCode,
            permanent: failure.permanent,
            err: failure.message,
          },
          failure.permanent
            ? 'wechat message refused (permanent): the case is flagged'
            : 'wechat message not sent (will retry)',
        );
        throw failure;
      }
    },
  };
}
