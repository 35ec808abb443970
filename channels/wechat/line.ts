/** The started Official Account channel, as its webhook, sender and CLI share it. */
import type { ChannelContext } from '../../src/port/channel.js';
import type { WechatApi } from './api.js';
import type { WechatSettings } from './settings.js';

export interface WechatLine {
  readonly context: ChannelContext;
  readonly api: WechatApi;
  readonly settings: WechatSettings;
}

/** The customer's address on the chat medium: their openid under this account. */
export const addressOfOpenid = (openid: string) => `wechat:${openid}`;
export const openidOfAddress = (address: string) =>
  address.startsWith('wechat:') ? address.slice('wechat:'.length) : null;

/** The customer-service API works only this long after the customer's last message or event. */
export const WINDOW_MS = 48 * 3600_000;
const LAST_IN_TTL = 60 * 24 * 3600;

/** Remembers when the customer last wrote (or tapped, scanned, followed): the 48-hour window starts. */
export async function noteCustomerActivity(context: ChannelContext, openid: string, at: Date) {
  const key = `last-in:${openid}`;
  const before = await context.store.get<number>(key);
  if (!before || before < at.getTime()) await context.store.set(key, at.getTime(), LAST_IN_TTL);
}

export async function lastCustomerActivity(context: ChannelContext, openid: string): Promise<number | null> {
  return context.store.get<number>(`last-in:${openid}`);
}
