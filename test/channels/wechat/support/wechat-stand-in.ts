/**
 * A local HTTP server standing in for WeChat's API (api.weixin.qq.com) and WeCom's (qyapi.weixin.qq.com),
 * speaking their wire format: `{errcode, errmsg}` answers, access tokens that expire (42001) or are
 * refused (40001), the customer-service and template messages, the media API answering bytes, QR codes
 * and the menu, and WeCom customer service's sync_msg cursor, send_msg and service_state. It records
 * every request; tests queue errors for a recipient.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WechatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  /** The errcode the stand-in answered with (0: accepted). */
  errcode: number;
}

export interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid?: string;
  send_time: number;
  origin: number;
  msgtype: string;
  [field: string]: unknown;
}

export interface WechatStandIn {
  url: string;
  requests: WechatRequest[];
  /** Accepted customer-service messages (OA) and send_msg messages (WeCom), in order. */
  delivered(): WechatRequest[];
  /** The next sends to this openid / external_userid get these errcodes, in order. */
  failNext(to: string, ...errcodes: number[]): void;
  /** Every token given so far stops working (the platform answers 42001). */
  expireTokens(): void;
  /** Media ids the media API knows, with their bytes. */
  media: Map<string, { content: Buffer; contentType: string }>;
  /** Messages sync_msg returns, oldest first (each has a cursor position). */
  kfMessages: KfMessage[];
  /** WeCom's session state per external_userid (default 0: new). */
  serviceState: Map<string, number>;
  /** The unionid WeChat gives for an openid or external_userid (none: the apps share no Open Platform). */
  unionids: Map<string, string>;
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { __invalid: text };
  }
}

const ok = { errcode: 0, errmsg: 'ok' };
const err = (errcode: number, errmsg: string) => ({ errcode, errmsg });

/** What the stand-in remembers between calls, and what a test sets. */
interface PlatformState {
  requests: WechatRequest[];
  queued: Map<string, number[]>;
  valid: Set<string>;
  expired: Set<string>;
  tokens: number;
  msgids: number;
  media: Map<string, { content: Buffer; contentType: string }>;
  kfMessages: KfMessage[];
  serviceState: Map<string, number>;
  unionids: Map<string, string>;
}

type Answer = [object, number];

function issueToken(state: PlatformState) {
  const token = `ACCESS_TOKEN_${++state.tokens}_${Math.random().toString(36).slice(2, 10)}`;
  state.valid.add(token);
  return { access_token: token, expires_in: 7200 };
}

/** The two token endpoints: the Official Account's stable_token and WeCom's gettoken. */
function tokenRoute(
  state: PlatformState,
  path: string,
  query: Record<string, string>,
  body: Record<string, unknown>,
): Answer | null {
  if (path === '/cgi-bin/stable_token') {
    if (body.grant_type !== 'client_credential' || !body.appid || !body.secret)
      return [err(40002, 'invalid grant_type'), 40002];
    return [issueToken(state), 0];
  }
  if (path === '/cgi-bin/gettoken') {
    if (!query.corpid || !query.corpsecret) return [err(41002, 'corpid missing'), 41002];
    return [{ ...ok, ...issueToken(state) }, 0];
  }
  return null;
}

/** The Official Account's API: customer-service and template messages, the menu, QR codes. */
function officialAccountRoute(
  state: PlatformState,
  path: string,
  body: Record<string, unknown>,
): Answer | null {
  switch (path) {
    case '/cgi-bin/message/custom/send':
      return body.msgtype ? [ok, 0] : [err(40008, 'invalid message type'), 40008];
    case '/cgi-bin/message/template/send':
      return [{ ...ok, msgid: state.msgids++ }, 0];
    case '/cgi-bin/message/subscribe/bizsend':
    case '/cgi-bin/menu/create':
      return [ok, 0];
    case '/cgi-bin/qrcode/create': {
      const scene = (body.action_info as { scene?: { scene_str?: string } } | undefined)?.scene?.scene_str;
      if (!scene || scene.length > 64) return [err(40097, 'invalid args'), 40097];
      return [
        {
          ticket: `gQH47joAAAAAAAAAASxodHRwOi8v${Buffer.from(scene).toString('base64url')}`,
          url: `http://weixin.qq.com/q/${scene}`,
        },
        0,
      ];
    }
    default:
      return null;
  }
}

/** Who a user is: the Official Account's user/info, WeCom customer service's customer/batchget. */
function userRoute(
  state: PlatformState,
  path: string,
  query: Record<string, string>,
  body: Record<string, unknown>,
): Answer | null {
  if (path === '/cgi-bin/user/info') {
    if (!query.openid) return [err(40003, 'invalid openid'), 40003];
    const unionid = state.unionids.get(query.openid);
    return [{ subscribe: 1, openid: query.openid, ...(unionid ? { unionid } : {}) }, 0];
  }
  if (path === '/cgi-bin/kf/customer/batchget') {
    const ids = Array.isArray(body.external_userid_list) ? (body.external_userid_list as string[]) : [];
    const customer_list = ids.map((id) => {
      const unionid = state.unionids.get(id);
      return { external_userid: id, nickname: '', ...(unionid ? { unionid } : {}) };
    });
    return [{ ...ok, customer_list, invalid_external_userid: [] }, 0];
  }
  return null;
}

/** WeCom customer service: pulling messages, sending, and the session's state. */
function kfRoute(
  state: PlatformState,
  path: string,
  body: Record<string, unknown>,
  to: string,
): Answer | null {
  switch (path) {
    case '/cgi-bin/kf/sync_msg': {
      const from = Number(body.cursor || 0);
      const limit = Math.min(Number(body.limit ?? 1000), 1000);
      const list = state.kfMessages.slice(from, from + limit);
      const next = from + list.length;
      const more = next < state.kfMessages.length ? 1 : 0;
      return [{ ...ok, next_cursor: String(next), has_more: more, msg_list: list }, 0];
    }
    case '/cgi-bin/kf/send_msg':
      return [{ ...ok, msgid: String(body.msgid ?? `kf${state.msgids++}`) }, 0];
    case '/cgi-bin/kf/service_state/get':
      return [{ ...ok, service_state: state.serviceState.get(to) ?? 0, servicer_userid: '' }, 0];
    case '/cgi-bin/kf/service_state/trans':
      state.serviceState.set(to, Number(body.service_state));
      return [{ ...ok, msg_code: '' }, 0];
    default:
      return null;
  }
}

/** Answers one API call; the errcode is recorded with the request. */
function route(
  state: PlatformState,
  path: string,
  query: Record<string, string>,
  body: Record<string, unknown>,
): Answer {
  const tokenAnswer = tokenRoute(state, path, query, body);
  if (tokenAnswer) return tokenAnswer;
  const token = query.access_token ?? '';
  if (state.expired.has(token)) return [err(42001, 'access_token expired'), 42001];
  if (!state.valid.has(token))
    return [err(40001, 'invalid credential, access_token is invalid or not latest'), 40001];
  const to = String(body.touser ?? body.external_userid ?? '');
  const failure = state.queued.get(to)?.shift();
  if (failure !== undefined && failure !== 0) return [err(failure, `error ${failure}`), failure];
  return (
    userRoute(state, path, query, body) ??
    officialAccountRoute(state, path, body) ??
    kfRoute(state, path, body, to) ?? [err(40066, 'invalid url'), 40066]
  );
}

/** `media/get`: the bytes of a known media id with a valid token, else WeChat's error as text. */
function serveMedia(
  state: PlatformState,
  query: Record<string, string>,
  record: WechatRequest,
  response: ServerResponse,
) {
  const found = state.media.get(query.media_id ?? '');
  if (found && state.valid.has(query.access_token ?? '') && !state.expired.has(query.access_token ?? '')) {
    response.writeHead(200, {
      'content-type': found.contentType,
      'content-disposition': `attachment; filename="${query.media_id}.jpg"`,
    });
    response.end(found.content);
    return;
  }
  record.errcode = found ? 40001 : 40007;
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end(JSON.stringify(err(record.errcode, found ? 'invalid credential' : 'invalid media_id')));
}

async function handle(state: PlatformState, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const query = Object.fromEntries(url.searchParams);
  const body = await readJson(request);
  const record: WechatRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    query,
    body,
    errcode: 0,
  };
  state.requests.push(record);
  if (url.pathname === '/cgi-bin/media/get') {
    serveMedia(state, query, record, response);
    return;
  }
  const [answer, errcode] = route(state, url.pathname, query, body);
  record.errcode = errcode;
  response.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
  response.end(JSON.stringify(answer));
}

export async function startWechatStandIn(): Promise<WechatStandIn> {
  const state: PlatformState = {
    requests: [],
    queued: new Map(),
    valid: new Set(),
    expired: new Set(),
    tokens: 0,
    msgids: 1000,
    media: new Map(),
    kfMessages: [],
    serviceState: new Map(),
    unionids: new Map(),
  };
  const { requests, queued, valid, expired } = state;
  const server = createServer((request, response) => void handle(state, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    media: state.media,
    kfMessages: state.kfMessages,
    serviceState: state.serviceState,
    unionids: state.unionids,
    delivered: () =>
      requests.filter(
        (r) =>
          r.errcode === 0 && (r.path === '/cgi-bin/message/custom/send' || r.path === '/cgi-bin/kf/send_msg'),
      ),
    failNext(to, ...errcodes) {
      queued.set(to, [...(queued.get(to) ?? []), ...errcodes]);
    },
    expireTokens() {
      for (const token of valid) expired.add(token);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
