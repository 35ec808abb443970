/**
 * The same person across the company's WeChat apps. WeChat gives each app its own id for a customer
 * (the Official Account's openid, WeCom customer service's external_userid) and, when the apps share an
 * Open Platform account, one `unionid` for all of them. We ask once per address and, when WeChat
 * answers with a unionid, tell the desk: whichever entry the customer comes through, it is one customer.
 */

import type { Logger } from '../../src/logger.js';
import type { ChannelContext } from '../../src/port/channel.js';
import type { WechatApi } from './api.js';

/** An address is asked about again after this long (a later binding to the Open Platform shows up). */
const CHECKED_TTL = 30 * 24 * 3600;
/** The first message waits this long for the answer; a slower one links from the next message on. */
const WAIT_MS = 1500;

/**
 * Addresses this process already asked about (or saw claimed by another), so a conversation's later
 * messages cost no Redis round trip; bounded, and simply started afresh when full.
 */
const checkedHere = new Set<string>();
const CHECKED_HERE_MAX = 10_000;

function rememberChecked(address: string): void {
  if (checkedHere.size >= CHECKED_HERE_MAX) checkedHere.clear();
  checkedHere.add(address);
}

/** How one app finds the unionid behind one of its addresses (undefined: WeChat gives none). */
export type UnionidLookup = (api: WechatApi) => Promise<string | undefined>;

/** The Official Account: `user/info` carries `unionid` when the account is bound to an Open Platform. */
export const unionidOfOpenid =
  (openid: string): UnionidLookup =>
  async (api) =>
    (await api.call<{ unionid?: string }>('GET', '/cgi-bin/user/info', undefined, { openid, lang: 'zh_CN' }))
      .unionid;

/** WeCom customer service: `kf/customer/batchget` answers each external user's unionid. */
export const unionidOfExternal =
  (external: string): UnionidLookup =>
  async (api) => {
    const answer = await api.call<{ customer_list?: { external_userid?: string; unionid?: string }[] }>(
      'POST',
      '/cgi-bin/kf/customer/batchget',
      { external_userid_list: [external], need_enter_session_context: 0 },
    );
    return answer.customer_list?.find((customer) => customer.external_userid === external)?.unionid;
  };

async function check(context: ChannelContext, api: WechatApi, address: string, lookup: UnionidLookup) {
  const unionid = await lookup(api);
  if (unionid) await context.samePerson(address, `wechat-unionid:${unionid}`);
}

/**
 * Before a customer's message is recorded: once per address (per month), links it to the customer the
 * same unionid reached before. Never holds up the message for long, and never fails it.
 */
export async function linkSamePerson(
  context: ChannelContext,
  api: WechatApi,
  address: string,
  lookup: UnionidLookup,
  log: Logger,
): Promise<void> {
  if (checkedHere.has(address)) return;
  rememberChecked(address);
  if (!(await context.store.claim(`unionid-checked:${address}`, 1, CHECKED_TTL))) return;
  const work = check(context, api, address, lookup).catch(async (error: unknown) => {
    // Asked again with the next message: a failed look-up is not an answer.
    checkedHere.delete(address);
    await context.store.delete(`unionid-checked:${address}`).catch(() => undefined);
    log.warn({ err: error, channel: 'wechat' }, 'wechat unionid look-up failed');
  });
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, WAIT_MS).unref())]);
}
