/**
 * One message or event from the Official Account's webhook, already verified and decrypted, turned
 * into what the desk takes (a message, an opt-out, a delivery report). Returns the text to answer
 * passively in the webhook's own response (the welcome, "please type"), or null for an empty
 * `success`: the bot's replies go out through the outbox and the customer-service API.
 */

import type { Logger } from '../../src/logger.js';
import type { Attachment, InboundMessage, Lang } from '../../src/port/messages.js';
import { addressOfOpenid, noteCustomerActivity, type WechatLine } from './line.js';
import { keepMedia } from './media.js';
import { linkSamePerson, unionidOfOpenid } from './person.js';
import { deviceOfScene } from './scene.js';

export const MEDIA_PATH = '/channels/wechat/media';

export type WechatFields = Record<string, string>;

/** The customer's language for the channel's own texts: the conversation's, else Chinese. */
async function langOf(line: WechatLine, address: string): Promise<Lang> {
  return (await line.context.lookup(address).catch(() => null))?.lang ?? 'zh';
}

function idOf(fields: WechatFields): string {
  return fields.MsgId
    ? `wx-${fields.MsgId}`
    : `wx-ev-${fields.FromUserName}-${fields.CreateTime}-${fields.Event ?? ''}-${fields.EventKey ?? ''}`;
}

async function submit(
  line: WechatLine,
  fields: WechatFields,
  message: Partial<InboundMessage> & { text: string },
) {
  const { context } = line;
  const openid = fields.FromUserName!;
  const from = addressOfOpenid(openid);
  await linkSamePerson(context, line.api, from, unionidOfOpenid(openid), context.logger);
  return context.receive({
    channel: 'chat',
    providerMessageId: idOf(fields),
    from,
    to: fields.ToUserName ?? '',
    receivedAt: context.clock.now(),
    answerWhenRecorded: true,
    replyContext: { openid },
    ...message,
  });
}

async function media(line: WechatLine, fields: WechatFields, kind: string): Promise<Attachment[]> {
  if (!fields.MediaId) return [];
  return [
    await keepMedia({
      api: line.api,
      files: line.context.files,
      address: addressOfOpenid(fields.FromUserName ?? ''),
      path: '/cgi-bin/media/get',
      mediaId: fields.MediaId,
      kind,
      messageId: fields.MsgId ?? fields.CreateTime ?? '',
    }),
  ];
}

/** 扫码报修: the device's serial (product, acceptance date) from the QR code; only the fault is asked. */
async function scanToRepair(line: WechatLine, fields: WechatFields, scene: string | undefined) {
  const device = deviceOfScene(scene);
  if (!device) return false;
  const address = addressOfOpenid(fields.FromUserName!);
  const lang = await langOf(line, address);
  await submit(line, fields, {
    text: line.context.text('scan_repair', lang, { serial: device.serial }),
    facts: {
      serial: device.serial,
      ...(device.product ? { product: device.product } : {}),
      ...(device.accepted ? { purchase_date: device.accepted } : {}),
    },
  });
  return true;
}

async function onEvent(line: WechatLine, fields: WechatFields, log: Logger): Promise<string | null> {
  const { context } = line;
  const openid = fields.FromUserName!;
  const address = addressOfOpenid(openid);
  const event = fields.Event ?? '';
  switch (event.toLowerCase()) {
    case 'subscribe': {
      // The work first (the desk dedupes it on the event's id), the mark last: a delivery repeated
      // after a crash at any point finishes what the first began, and is welcomed once.
      if (await context.store.get(`unsubscribed:${openid}`)) {
        await context.preference({ kind: 'opt_in', address, text: event, providerMessageId: idOf(fields) });
        await context.store.delete(`unsubscribed:${openid}`);
      }
      const welcome = context.text('welcome', await langOf(line, address));
      await scanToRepair(line, fields, fields.EventKey);
      if (!(await context.store.claim(`event:${idOf(fields)}`, 1, 3600))) return null;
      return welcome;
    }
    case 'unsubscribe':
      await context.store.set(`unsubscribed:${openid}`, 1);
      await context.preference({ kind: 'opt_out', address, text: event, providerMessageId: idOf(fields) });
      log.info({ channel: 'wechat' }, 'wechat follower left: opted out, nothing more is sent');
      return null;
    case 'scan':
      if (!(await scanToRepair(line, fields, fields.EventKey)))
        log.info(
          { channel: 'wechat', scene: fields.EventKey },
          'wechat QR code scanned that is not a device label',
        );
      return null;
    case 'click': {
      const key = `menu_${(fields.EventKey ?? '').toLowerCase()}`;
      const lang = await langOf(line, address);
      let text: string;
      try {
        text = context.text(key, lang);
      } catch {
        log.warn({ channel: 'wechat', key: fields.EventKey }, 'wechat menu key with no meaning here');
        return context.text('unsupported', lang);
      }
      await submit(line, fields, { text });
      return null;
    }
    case 'templatesendjobfinish': {
      const ok = fields.Status === 'success';
      await context.deliveryReport({
        providerId: `tpl-${fields.MsgID ?? fields.MsgId ?? ''}`,
        state: ok ? 'delivered' : 'failed',
        status: fields.Status ?? 'unknown',
        ...(ok ? {} : { code: fields.Status ?? 'failed' }),
      });
      return null;
    }
    default:
      log.debug({ channel: 'wechat', event }, 'wechat event not acted on');
      return null;
  }
}

/** One customer message or event; the passive answer, if any. */
export async function handleWechat(
  line: WechatLine,
  fields: WechatFields,
  log: Logger,
): Promise<string | null> {
  const { context } = line;
  const openid = fields.FromUserName!;
  const type = (fields.MsgType ?? '').toLowerCase();
  if (type !== 'event' || !/^(unsubscribe|templatesendjobfinish)$/i.test(fields.Event ?? ''))
    await noteCustomerActivity(context, openid, context.clock.now());
  switch (type) {
    case 'event':
      return onEvent(line, fields, log);
    case 'text':
      await submit(line, fields, { text: fields.Content ?? '' });
      return null;
    case 'image':
    case 'video':
    case 'shortvideo':
      await submit(line, fields, { text: '', attachments: await media(line, fields, type) });
      return null;
    case 'voice': {
      const heard = fields.Recognition?.trim();
      if (heard) {
        await submit(line, fields, { text: heard });
        return null;
      }
      const result = await submit(line, fields, { text: '', attachments: await media(line, fields, type) });
      return result.duplicate
        ? null
        : context.text('voice_type_please', await langOf(line, addressOfOpenid(openid)));
    }
    case 'location': {
      const label = fields.Label?.trim() ?? '';
      const pin: Attachment = {
        url: `geo:${fields.Location_X ?? ''},${fields.Location_Y ?? ''}`,
        ...(label ? { filename: label } : {}),
      };
      await submit(line, fields, {
        text: '',
        attachments: [pin],
        ...(label ? { facts: { address: label } } : {}),
      });
      return null;
    }
    case 'link':
      await submit(line, fields, {
        text: '',
        attachments: [{ url: fields.Url ?? '', filename: fields.Title ?? 'link', contentType: 'text/html' }],
      });
      return null;
    default: {
      log.info(
        { channel: 'wechat', type },
        'wechat message of a type the bot cannot read: answered politely',
      );
      return context.text('unsupported', await langOf(line, addressOfOpenid(openid)));
    }
  }
}
