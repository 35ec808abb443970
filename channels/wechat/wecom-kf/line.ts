/** The started WeCom customer-service channel, as its callback, sync and sender share it. */
import type { ChannelContext } from '../../../src/port/channel.js';
import type { WechatApi } from '../api.js';
import type { WecomSettings } from './settings.js';

export interface KfLine {
  readonly context: ChannelContext;
  readonly api: WechatApi;
  readonly settings: WecomSettings;
}

/** The customer's address: their external_userid, the same from every customer-service entry. */
export const addressOfExternal = (id: string) => `wecom:${id}`;
export const externalOfAddress = (address: string) =>
  address.startsWith('wecom:') ? address.slice(6) : null;
export const KF_MEDIA_PATH = '/channels/wecom-kf/media';
