/**
 * `GET /webhooks/wecom-kf`: WeCom's URL check (msg_signature over token, timestamp, nonce and the
 * encrypted echostr → echo it decrypted). `POST /webhooks/wecom-kf`: the encrypted `kf_msg_or_event`
 * notice; answered at once, the messages are then pulled with sync_msg. Forged, stale or undecryptable
 * requests get 403 and a log line, malformed XML 400.
 */
import type { FastifyPluginAsync } from 'fastify';
import { isFresh, queryOf, refuse, XML_BODY_LIMIT, XML_TYPES } from '../callback-guard.js';
import { decryptMessage, signatureMatches, wechatSignature } from '../crypto.js';
import { parseWechatXml } from '../xml.js';
import type { KfLine } from './line.js';
import type { WecomSettings } from './settings.js';
import { rememberAccount, syncAccount } from './sync.js';

export const WECOM_KF_PATH = '/webhooks/wecom-kf';

export function wecomRoutes(
  line: () => KfLine | null,
  settings: WecomSettings,
  pulls: Set<Promise<void>>,
): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser(
      XML_TYPES,
      { parseAs: 'string', bodyLimit: XML_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    const refusal = (status: 400 | 403, reason: string, message: string) => ({
      channel: 'wecom-kf',
      context: line()?.context ?? null,
      status,
      reason,
      message,
    });

    app.get(WECOM_KF_PATH, async (request, reply) => {
      const { msg_signature, timestamp, nonce, echostr } = queryOf(request);
      if (
        !timestamp ||
        !nonce ||
        !echostr ||
        !signatureMatches(msg_signature, wechatSignature(settings.token, timestamp, nonce, echostr))
      )
        return refuse(
          request,
          reply,
          refusal(403, 'bad_signature', 'the URL check is not signed with WECOM_TOKEN'),
        );
      try {
        return reply.type('text/plain').send(decryptMessage(settings.aesKey, echostr, settings.corpId));
      } catch (error) {
        return refuse(request, reply, refusal(403, 'undecryptable', (error as Error).message));
      }
    });

    app.post(WECOM_KF_PATH, async (request, reply) => {
      const started = line();
      const { msg_signature, timestamp, nonce } = queryOf(request);
      const outer = parseWechatXml(typeof request.body === 'string' ? request.body : '');
      if (!outer?.Encrypt)
        return refuse(
          request,
          reply,
          refusal(400, 'malformed', 'the body is not an encrypted WeCom callback'),
        );
      if (
        !timestamp ||
        !nonce ||
        !signatureMatches(msg_signature, wechatSignature(settings.token, timestamp, nonce, outer.Encrypt))
      )
        return refuse(request, reply, refusal(403, 'bad_signature', 'msg_signature is missing or wrong'));
      if (!started || !isFresh(timestamp, started.context.clock.now()))
        return refuse(request, reply, refusal(403, 'stale', `timestamp ${timestamp} is too far from now`));
      let inner: Record<string, string> | null;
      try {
        inner = parseWechatXml(decryptMessage(settings.aesKey, outer.Encrypt, settings.corpId));
      } catch (error) {
        return refuse(request, reply, refusal(403, 'undecryptable', (error as Error).message));
      }
      if (!inner)
        return refuse(request, reply, refusal(400, 'malformed', 'the decrypted callback is not XML'));
      if (inner.Event !== 'kf_msg_or_event' || !inner.OpenKfId)
        return reply.type('text/plain').send('success');
      await rememberAccount(started, inner.OpenKfId);
      // Answered at once; the pull runs after (the stop waits for it).
      const pull = syncAccount(started, inner.OpenKfId, inner.Token).catch((error: unknown) =>
        started.context.logger.error(
          { channel: 'wecom-kf', err: error, openKfid: inner.OpenKfId },
          'wecom-kf pull failed: the next callback or start-up pulls again',
        ),
      );
      pulls.add(pull);
      void pull.finally(() => pulls.delete(pull));
      return reply.type('text/plain').send('success');
    });
  };
}
