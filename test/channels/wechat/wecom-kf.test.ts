/**
 * WeCom customer service against the stand-in: the encrypted URL check, a callback followed by
 * sync_msg from the stored cursor (no message recorded twice, none skipped), replies with send_msg in
 * the bot's session state, 扫码报修 from an entry's scene_param, and a chat a WeCom servicer holds.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesKeyOf, encryptMessage, wechatSignature } from '../../../channels/wechat/crypto.js';
import { sceneOf } from '../../../channels/wechat/scene.js';
import { buildWechatXml } from '../../../channels/wechat/xml.js';
import { waitFor } from '../../support/wait.js';
import { createWechatHarness, type WechatHarness } from './support/harness.js';

/** WeChat's WeCom sample account. */
const CORP_ID = 'wx5823bf96d3bd56c7';
const TOKEN = 'QDG6eK';
const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const KFID = 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw';

let harness: WechatHarness;
beforeAll(async () => {
  harness = await createWechatHarness({
    env: {
      WECOM_CORP_ID: CORP_ID,
      WECOM_KF_SECRET: 'kf-secret',
      WECOM_TOKEN: TOKEN,
      WECOM_ENCODING_AES_KEY: KEY,
    },
  });
  // The stand-in serves both APIs.
  harness.startWorkers();
});
afterAll(async () => harness.close());

const now = () => Math.floor(harness.runtime.clock.now().getTime() / 1000);
let ids = 0;
const kfText = (external: string, content: string) => ({
  msgid: `kfmsg${Date.now()}${ids++}`,
  open_kfid: KFID,
  external_userid: external,
  send_time: now(),
  origin: 3,
  msgtype: 'text',
  text: { content },
});

async function notify(options: { signature?: 'wrong' } = {}) {
  const timestamp = String(now());
  const nonce = String(randomInt(1e8, 1e9));
  const inner = buildWechatXml({
    ToUserName: CORP_ID,
    CreateTime: now(),
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
    OpenKfId: KFID,
  });
  const Encrypt = encryptMessage(aesKeyOf(KEY), inner, CORP_ID);
  const signature = wechatSignature(options.signature ? 'other' : TOKEN, timestamp, nonce, Encrypt);
  const response = await fetch(
    `${harness.url}/webhooks/wecom-kf?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: buildWechatXml({ ToUserName: CORP_ID, AgentID: '', Encrypt }),
    },
  );
  return { status: response.status, body: await response.text() };
}

const transcriptOf = async (external: string) => {
  const { customerIdFor, identityOf } = await import('../../../src/conversation/keys.js');
  const raw = await harness.runtime.redis.lrange(
    `${harness.runtime.config.REDIS_KEY_PREFIX}:{c:${customerIdFor(identityOf('chat', `wecom:${external}`))}}:log`,
    0,
    -1,
  );
  return raw.map((line) => JSON.parse(line) as { kind: string; text: string });
};
const sendsTo = (external: string) =>
  harness.standIn.delivered().filter((r) => r.path === '/cgi-bin/kf/send_msg' && r.body.touser === external);

describe('wecom customer service', () => {
  it('answers the encrypted URL check with the decrypted echostr, and refuses a forged one', async () => {
    const echostr = encryptMessage(aesKeyOf(KEY), '1616140317555161061', CORP_ID);
    const query = (token: string) =>
      new URLSearchParams({
        msg_signature: wechatSignature(token, '1409659589', '263014780', echostr),
        timestamp: '1409659589',
        nonce: '263014780',
        echostr,
      });
    const good = await fetch(`${harness.url}/webhooks/wecom-kf?${query(TOKEN)}`);
    expect([good.status, await good.text()]).toEqual([200, '1616140317555161061']);
    expect((await fetch(`${harness.url}/webhooks/wecom-kf?${query('other')}`)).status).toBe(403);
  });

  it('pulls new messages from the cursor, records each once, and replies in the bot session', async () => {
    const external = 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw';
    harness.standIn.kfMessages.push(kfText(external, '你好'));
    expect(await notify()).toEqual({ status: 200, body: 'success' });
    await waitFor(() => sendsTo(external).length >= 1, 8000, 'the reply');
    expect(harness.standIn.serviceState.get(external)).toBe(1);
    // A repeated callback (and a restart's catch-up) reads from the cursor: nothing twice.
    await notify();
    harness.standIn.kfMessages.push(kfText(external, '我要报修'));
    await notify();
    await waitFor(
      async () => (await transcriptOf(external)).filter((e) => e.kind === 'in').length >= 2,
      8000,
      'two messages',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await transcriptOf(external)).filter((e) => e.kind === 'in').map((e) => e.text)).toEqual([
      '你好',
      '我要报修',
    ]);
    const cursors = harness.standIn.requests
      .filter((r) => r.path === '/cgi-bin/kf/sync_msg')
      .map((r) => r.body.cursor);
    expect(cursors.at(-1)).not.toBe('');
    expect((await notify({ signature: 'wrong' })).status).toBe(403);
  });

  it('扫码报修 from an entry whose scene_param carries the device', async () => {
    const external = 'wmScanCustomer0001';
    harness.standIn.kfMessages.push({
      msgid: `kfev${ids++}`,
      open_kfid: KFID,
      send_time: now(),
      origin: 4,
      msgtype: 'event',
      event: {
        event_type: 'enter_session',
        open_kfid: KFID,
        external_userid: external,
        scene: 'label',
        scene_param: sceneOf({ serial: 'PJ7788990', product: 'projector' }),
        welcome_code: 'WELCOME1',
      },
    });
    await notify();
    await waitFor(() => sendsTo(external).length >= 1, 8000, 'the question');
    expect(
      harness.standIn.requests.some(
        (r) => r.path === '/cgi-bin/kf/send_msg_on_event' && r.body.code === 'WELCOME1',
      ),
    ).toBe(true);
    const inbound = (await transcriptOf(external)).filter((e) => e.kind === 'in');
    expect(inbound.map((e) => e.text)).toEqual(['扫码报修，设备序列号 PJ7788990']);
    expect(JSON.stringify(sendsTo(external)[0]!.body)).not.toMatch(/序列号|哪类产品/);
  });

  it('a chat a WeCom servicer holds is theirs: the reply is refused and the case flagged', async () => {
    const external = 'wmHeldByServicer01';
    harness.standIn.serviceState.set(external, 3);
    harness.standIn.kfMessages.push(kfText(external, '转人工'));
    await notify();
    await waitFor(
      async () => {
        const log = await transcriptOf(external);
        return log.some((e) => e.kind === 'event' && e.text.includes('could not be delivered')) || undefined;
      },
      8000,
      'the delivery failure on the case',
    );
    expect(sendsTo(external)).toEqual([]);
  });
});
