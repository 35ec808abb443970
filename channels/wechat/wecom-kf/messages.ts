/**
 * One message from `kf/sync_msg` turned into what the desk takes. Only the customer's own messages
 * (origin 3) are conversation; `enter_session` (origin 4) greets a customer who opened the chat — from
 * a device's QR code with its serial in `scene_param`, that is 扫码报修 — and `msg_send_fail` is a
 * delivery report. Messages a WeCom servicer typed in WeCom's own tool (origin 5) are not ours.
 */
import type { Attachment, InboundMessage } from '../../../src/port/messages.js';
import { keepMedia } from '../media.js';
import { linkSamePerson, unionidOfExternal } from '../person.js';
import { deviceOfScene } from '../scene.js';
import { addressOfExternal, type KfLine } from './line.js';

export interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid?: string;
  send_time?: number;
  origin?: number;
  msgtype: string;
  text?: { content?: string; menu_id?: string };
  image?: { media_id?: string };
  voice?: { media_id?: string };
  video?: { media_id?: string };
  file?: { media_id?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string };
  link?: { title?: string; url?: string };
  event?: {
    event_type?: string;
    external_userid?: string;
    scene_param?: string;
    welcome_code?: string;
    fail_msgid?: string;
  };
}

const CUSTOMER = 3;
const LAST_IN_TTL = 60 * 24 * 3600;

async function submit(
  line: KfLine,
  message: KfMessage,
  external: string,
  fields: Partial<InboundMessage> & { text: string },
) {
  const { context } = line;
  await context.store.set(
    `last-in:${external}`,
    (message.send_time ?? context.clock.now().getTime() / 1000) * 1000,
    LAST_IN_TTL,
  );
  const from = addressOfExternal(external);
  await linkSamePerson(context, line.api, from, unionidOfExternal(external), context.logger);
  return context.receive({
    channel: 'chat',
    providerMessageId: `kf-${message.msgid}`,
    from,
    to: message.open_kfid,
    receivedAt: context.clock.now(),
    answerWhenRecorded: true,
    replyContext: { external_userid: external, open_kfid: message.open_kfid },
    ...fields,
  });
}

async function media(
  line: KfLine,
  message: KfMessage,
  kind: string,
  mediaId: string | undefined,
): Promise<Attachment[]> {
  if (!mediaId) return [];
  return [
    await keepMedia({
      api: line.api,
      files: line.context.files,
      address: addressOfExternal(message.external_userid ?? ''),
      path: '/cgi-bin/media/get',
      mediaId,
      kind,
      messageId: message.msgid,
    }),
  ];
}

async function onEvent(line: KfLine, message: KfMessage): Promise<void> {
  const event = message.event ?? {};
  const external = event.external_userid;
  if (event.event_type === 'msg_send_fail' && event.fail_msgid) {
    await line.context.deliveryReport({
      providerId: event.fail_msgid,
      state: 'failed',
      status: 'msg_send_fail',
      code: 'msg_send_fail',
    });
    return;
  }
  if (event.event_type !== 'enter_session' || !external) return;
  const lang = (await line.context.lookup(addressOfExternal(external)).catch(() => null))?.lang ?? 'zh';
  if (event.welcome_code) {
    // The welcome may be sent once, with the event's code, within 20 seconds.
    await line.api
      .call('POST', '/cgi-bin/kf/send_msg_on_event', {
        code: event.welcome_code,
        msgid: `welcome${message.msgid}`.slice(0, 32),
        msgtype: 'text',
        text: { content: line.context.text('welcome', lang) },
      })
      .catch((error: unknown) =>
        line.context.logger.warn({ channel: 'wecom-kf', err: error }, 'wecom-kf welcome not sent'),
      );
  }
  const device = deviceOfScene(event.scene_param);
  if (!device) return;
  await submit(line, message, external, {
    text: line.context.text('scan_repair', lang, { serial: device.serial }),
    facts: {
      serial: device.serial,
      ...(device.product ? { product: device.product } : {}),
      ...(device.accepted ? { purchase_date: device.accepted } : {}),
    },
  });
}

/** Records one synced message; false when it is not the customer's (a servicer's, an unknown event). */
export async function takeKfMessage(line: KfLine, message: KfMessage): Promise<boolean> {
  if (message.msgtype === 'event') {
    await onEvent(line, message);
    return true;
  }
  const external = message.external_userid;
  if (message.origin !== CUSTOMER || !external) return false;
  switch (message.msgtype) {
    case 'text':
      await submit(line, message, external, { text: message.text?.content ?? '' });
      return true;
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      await submit(line, message, external, {
        text: '',
        attachments: await media(line, message, message.msgtype, message[message.msgtype]?.media_id),
      });
      return true;
    case 'location': {
      const place = [message.location?.name, message.location?.address].filter(Boolean).join(' ');
      const pin: Attachment = {
        url: `geo:${message.location?.latitude ?? ''},${message.location?.longitude ?? ''}`,
        ...(place ? { filename: place } : {}),
      };
      await submit(line, message, external, {
        text: '',
        attachments: [pin],
        ...(message.location?.address ? { facts: { address: message.location.address } } : {}),
      });
      return true;
    }
    case 'link':
      await submit(line, message, external, {
        text: '',
        attachments: [
          { url: message.link?.url ?? '', filename: message.link?.title ?? 'link', contentType: 'text/html' },
        ],
      });
      return true;
    default:
      // Recorded for staff with a note of its type; the bot answers it like an empty message.
      await submit(line, message, external, {
        text: '',
        attachments: [{ url: `not-kept:${message.msgtype} message`, filename: message.msgtype }],
      });
      return true;
  }
}
