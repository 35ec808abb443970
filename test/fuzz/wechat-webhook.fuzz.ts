/**
 * The WeChat webhook with arbitrary messages: signed and unsigned, plaintext and encrypted (compatible
 * and safe mode), well-formed fields with odd values and bodies that are not XML at all. Every request
 * gets a 200 (`success` or a passive reply) or a 4xx in the documented shape, never a 5xx; nothing is
 * left half-written in a customer's inbox and no promise is left rejected.
 */
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesKeyOf, encryptMessage, wechatSignature } from '../../channels/wechat/crypto.js';
import { buildWechatXml } from '../../channels/wechat/xml.js';
import {
  AES_KEY,
  APP_ID,
  createWechatHarness,
  OA_ID,
  TOKEN,
  type WechatHarness,
} from '../channels/wechat/support/harness.js';
import { fuzz, nastyStrings, RUNS } from './budget.js';

let harness: WechatHarness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  harness = await createWechatHarness();
  harness.startWorkers();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await harness.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom(...nastyStrings.filter((s) => s.length < 1000)),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const message = fc.record({
  MsgType: fc.oneof(
    fc.constantFrom('text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link', 'event', 'file', ''),
    text,
  ),
  Event: fc.oneof(
    fc.constantFrom('subscribe', 'unsubscribe', 'SCAN', 'CLICK', 'VIEW', 'TEMPLATESENDJOBFINISH'),
    text,
  ),
  EventKey: fc.oneof(
    fc.constantFrom('qrscene_repair:CNB7REC123:printer', 'repair:PF2ABC12', 'REPAIR', 'HUMAN', 'STATUS'),
    text,
  ),
  Content: text,
  MediaId: text,
  Recognition: text,
  Label: text,
  MsgId: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), text),
  FromUserName: fc.oneof(fc.constantFrom('oFuzzUser1', 'oFuzzUser2'), text),
});
const request = fc.record({
  fields: message,
  drop: fc.subarray(['MsgType', 'Event', 'EventKey', 'Content', 'MsgId', 'FromUserName']),
  mode: fc.constantFrom('plain', 'compat', 'safe', 'garbage'),
  signed: fc.constantFrom('yes', 'yes', 'no', 'wrong'),
  raw: fc.option(
    fc.oneof(
      text,
      fc.constantFrom('<xml>', '<xml><a><b></a></xml>', '<!DOCTYPE x [<!ENTITY e "e">]><xml>&e;</xml>'),
    ),
    { freq: 4 },
  ),
});

describe('fuzz: the WeChat webhook', () => {
  it('every input gets a 200 or a 4xx in the documented shape', async () => {
    const key = aesKeyOf(AES_KEY);
    const failures = await fuzz('WeChat webhook', request, RUNS, async (input) => {
      const now = Math.floor(harness.runtime.clock.now().getTime() / 1000);
      const fields: Record<string, string | number> = { ToUserName: OA_ID, CreateTime: now, ...input.fields };
      for (const name of input.drop) delete fields[name];
      const plain = input.raw ?? buildWechatXml(fields);
      const timestamp = String(now);
      const nonce = String(randomInt(1e8, 1e9));
      const token = input.signed === 'wrong' ? 'other' : TOKEN;
      const query = new URLSearchParams({ timestamp, nonce });
      if (input.signed !== 'no') query.set('signature', wechatSignature(token, timestamp, nonce));
      let body = plain;
      if (input.mode !== 'plain') {
        const Encrypt =
          input.mode === 'garbage'
            ? Buffer.from(plain).toString('base64')
            : encryptMessage(key, plain, APP_ID);
        query.set('msg_signature', wechatSignature(token, timestamp, nonce, Encrypt));
        body = buildWechatXml(
          input.mode === 'compat' ? { ...fields, Encrypt } : { ToUserName: OA_ID, Encrypt },
        );
      }
      const answer = await harness.app.inject({
        method: 'POST',
        url: `/webhooks/wechat?${query}`,
        headers: { 'content-type': 'text/xml' },
        payload: body,
      });
      const ok =
        (answer.statusCode === 200 && (answer.body === 'success' || answer.body.startsWith('<xml>'))) ||
        (answer.statusCode >= 400 &&
          answer.statusCode < 500 &&
          typeof answer.json().error?.code === 'string');
      return ok
        ? null
        : `${answer.statusCode} ${input.mode}/${input.signed} ${body.slice(0, 200)} → ${answer.body.slice(0, 200)}`;
    });
    expect(failures).toEqual([]);
    // The turns run after the answer: give them a moment, then nothing may be left half-done.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(unhandled).toEqual([]);
    const inboxes = await harness.runtime.redis.keys(
      `${harness.runtime.config.REDIS_KEY_PREFIX}:{c:*}:inbox`,
    );
    const left = await Promise.all(inboxes.map((name) => harness.runtime.redis.llen(name)));
    expect(left.filter((n) => n > 0)).toEqual([]);
  });
});
