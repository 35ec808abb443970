/** WeCom customer service as the tests play it: its sample account, and signed, encrypted callbacks. */
import { randomInt } from 'node:crypto';
import { aesKeyOf, encryptMessage, wechatSignature } from '../../../../channels/wechat/crypto.js';
import { buildWechatXml } from '../../../../channels/wechat/xml.js';
import type { WechatHarness } from './harness.js';
import type { KfMessage } from './wechat-stand-in.js';

/** WeChat's WeCom encryption sample account. */
export const CORP_ID = 'wx5823bf96d3bd56c7';
export const KF_TOKEN = 'QDG6eK';
export const KF_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const KFID = 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw';
export const WECOM_ENV = {
  WECOM_CORP_ID: CORP_ID,
  WECOM_KF_SECRET: 'kf-secret',
  WECOM_TOKEN: KF_TOKEN,
  WECOM_ENCODING_AES_KEY: KF_KEY,
};

let ids = 0;
export function kfText(
  harness: WechatHarness,
  external: string,
  content: string,
  msgid = `kfmsg${Date.now()}${ids++}`,
): KfMessage {
  const now = Math.floor(harness.runtime.clock.now().getTime() / 1000);
  return {
    msgid,
    open_kfid: KFID,
    external_userid: external,
    send_time: now,
    origin: 3,
    msgtype: 'text',
    text: { content },
  };
}

/** WeCom's kf_msg_or_event callback, signed and encrypted as WeCom sends it. */
export async function notifyKf(harness: WechatHarness, options: { signature?: 'wrong'; raw?: string } = {}) {
  const now = Math.floor(harness.runtime.clock.now().getTime() / 1000);
  const timestamp = String(now);
  const nonce = String(randomInt(1e8, 1e9));
  const inner = buildWechatXml({
    ToUserName: CORP_ID,
    CreateTime: now,
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
    OpenKfId: KFID,
  });
  const Encrypt = encryptMessage(aesKeyOf(KF_KEY), inner, CORP_ID);
  const signature = wechatSignature(options.signature ? 'other' : KF_TOKEN, timestamp, nonce, Encrypt);
  const response = await fetch(
    `${harness.url}/webhooks/wecom-kf?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: options.raw ?? buildWechatXml({ ToUserName: CORP_ID, AgentID: '', Encrypt }),
    },
  );
  return { status: response.status, body: await response.text() };
}
