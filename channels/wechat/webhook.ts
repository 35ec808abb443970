/**
 * `GET /webhooks/wechat`: the URL check of the 公众平台 (signature over the sorted token, timestamp
 * and nonce → echo `echostr`). `POST /webhooks/wechat`: messages and events in plaintext, compatible or
 * safe mode. Every request is signed; a wrong signature or a stale timestamp gets 403 and a log line,
 * malformed XML 400. A message is recorded (deduplicated on MsgId, events on sender + time + event) and
 * answered at once — an empty `success`, or a short passive reply — well inside WeChat's 5 seconds; the
 * bot's replies follow through the customer-service API.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelContext } from '../../src/port/channel.js';
import { isFresh, queryOf, refuse, XML_BODY_LIMIT, XML_TYPES } from './callback-guard.js';
import { decryptMessage, encryptMessage, signatureMatches, wechatSignature } from './crypto.js';
import type { WechatFields } from './inbound.js';
import { handleWechat } from './inbound.js';
import type { WechatLine } from './line.js';
import type { WechatSettings } from './settings.js';
import { buildWechatXml, parseWechatXml } from './xml.js';

export const WECHAT_PATH = '/webhooks/wechat';

type Verified =
  | { fields: WechatFields; encrypted: boolean }
  | { status: 400 | 403; reason: string; message: string };

/** The message inside a signed request, decrypted if it is; or why it is refused. */
export function openCallback(
  settings: WechatSettings,
  query: Record<string, string | undefined>,
  body: string,
  now: Date,
): Verified {
  const { signature, timestamp, nonce } = query;
  if (!timestamp || !nonce || !signatureMatches(signature, wechatSignature(settings.token, timestamp, nonce)))
    return {
      status: 403,
      reason: signature ? 'bad_signature' : 'missing_signature',
      message: 'the signature is missing or wrong',
    };
  if (!isFresh(timestamp, now))
    return { status: 403, reason: 'stale', message: `timestamp ${timestamp} is too far from now` };
  const outer = parseWechatXml(body);
  if (!outer) return { status: 400, reason: 'malformed', message: 'the body is not WeChat XML' };
  if (outer.Encrypt === undefined) return { fields: outer, encrypted: false };
  if (!settings.aesKey)
    return {
      status: 400,
      reason: 'encrypted',
      message: 'an encrypted message, but WECHAT_ENCODING_AES_KEY is not set',
    };
  const expected = wechatSignature(settings.token, timestamp, nonce, outer.Encrypt);
  if (!signatureMatches(query.msg_signature, expected))
    return { status: 403, reason: 'bad_msg_signature', message: 'msg_signature is missing or wrong' };
  let inner: WechatFields | null;
  try {
    inner = parseWechatXml(decryptMessage(settings.aesKey, outer.Encrypt, settings.appId));
  } catch (error) {
    return { status: 403, reason: 'undecryptable', message: (error as Error).message };
  }
  return inner
    ? { fields: inner, encrypted: true }
    : { status: 400, reason: 'malformed', message: 'the decrypted message is not XML' };
}

/** A passive text reply, encrypted when the request was. */
export function passiveReply(
  settings: WechatSettings,
  fields: WechatFields,
  text: string,
  encrypted: boolean,
  now: Date,
  nonce: string,
): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  const xml = buildWechatXml({
    ToUserName: fields.FromUserName ?? '',
    FromUserName: fields.ToUserName ?? '',
    CreateTime: timestamp,
    MsgType: 'text',
    Content: text,
  });
  if (!encrypted || !settings.aesKey) return xml;
  const Encrypt = encryptMessage(settings.aesKey, xml, settings.appId);
  return buildWechatXml({
    Encrypt,
    MsgSignature: wechatSignature(settings.token, String(timestamp), nonce, Encrypt),
    TimeStamp: timestamp,
    Nonce: nonce,
  });
}

export function wechatRoutes(line: () => WechatLine | null, settings: WechatSettings): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser(
      XML_TYPES,
      { parseAs: 'string', bodyLimit: XML_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    const context = (): ChannelContext | null => line()?.context ?? null;

    app.get(WECHAT_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
      const { signature, timestamp, nonce, echostr } = queryOf(request);
      if (
        !timestamp ||
        !nonce ||
        !echostr ||
        !signatureMatches(signature, wechatSignature(settings.token, timestamp, nonce))
      )
        return refuse(request, reply, {
          channel: 'wechat',
          context: context(),
          status: 403,
          reason: 'bad_signature',
          message: 'the URL check is not signed with WECHAT_TOKEN',
        });
      return reply.type('text/plain').send(echostr);
    });

    app.post(WECHAT_PATH, async (request, reply) => {
      const started = line();
      const query = queryOf(request);
      const body = typeof request.body === 'string' ? request.body : '';
      const now = started?.context.clock.now() ?? new Date();
      const opened = openCallback(settings, query, body, now);
      if ('status' in opened)
        return refuse(request, reply, { channel: 'wechat', context: context(), ...opened });
      const { fields, encrypted } = opened;
      if (!fields.FromUserName || !fields.MsgType || !started)
        return refuse(request, reply, {
          channel: 'wechat',
          context: context(),
          status: 400,
          reason: 'payload',
          message: 'FromUserName and MsgType are required',
        });
      const log = started.context.logger.child({
        channel: 'wechat',
        msgType: fields.MsgType,
        event: fields.Event,
      });
      const answer = await handleWechat(started, fields, log);
      if (!answer) return reply.type('text/plain').send('success');
      return reply
        .type('application/xml')
        .send(passiveReply(settings, fields, answer, encrypted, now, query.nonce ?? ''));
    });
  };
}
