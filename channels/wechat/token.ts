/**
 * The Official Account's access token from `POST /cgi-bin/stable_token`: unlike the older `token`
 * call it returns the same token to every caller while it is valid, so processes refreshing at once
 * do not invalidate each other's; `force_refresh` only when the current one was refused. The server's
 * address must be on the account's IP allow-list (公众平台 → 基本配置 → IP白名单), or WeChat answers
 * 40164.
 */
import type { RawApi, TokenAnswer } from './api.js';
import type { WechatSettings } from './settings.js';

export async function stableToken(
  api: RawApi,
  settings: WechatSettings,
  force: boolean,
): Promise<TokenAnswer> {
  return (await api.request('POST', '/cgi-bin/stable_token', undefined, {
    grant_type: 'client_credential',
    appid: settings.appId,
    secret: settings.appSecret,
    force_refresh: force,
  })) as TokenAnswer;
}
