/**
 * The WeChat (and WeCom) HTTP API: JSON calls that answer `{errcode, errmsg}`, with the access token
 * every process shares. The token is kept in the channel's store (Redis), so all app processes use the
 * same one; it is fetched again a few minutes before it expires, and an `invalid credential` (40001,
 * 40014) or `access_token expired` (42001) answer refreshes it once and repeats the call — unless
 * another process refreshed it meanwhile, whose token is then used instead of forcing a new one.
 */
import type { ChannelStore } from '../../src/port/channel.js';

/** How long one API call may take before it counts as a temporary failure. */
const REQUEST_TIMEOUT_MS = 10_000;
/** A token with less left than this is fetched again before use. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_KEY = 'access-token';
/** Errors that mean the token is no longer good. */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`${path}: errcode ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

export interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

export interface WechatApiOptions {
  baseUrl: string;
  store(): ChannelStore;
  now(): Date;
  /** Asks the platform for a token (`force`: the current one is known to be bad). */
  fetchToken(api: RawApi, force: boolean): Promise<TokenAnswer>;
}

export interface RawApi {
  /** One HTTP call without a token; JSON answers are returned parsed, errors thrown. */
  request(
    method: 'GET' | 'POST',
    path: string,
    query?: Record<string, string>,
    body?: unknown,
  ): Promise<unknown>;
}

export interface Media {
  content: Buffer;
  contentType: string;
  filename?: string;
}

export interface WechatApi extends RawApi {
  /** A call with the shared access token; errcode ≠ 0 throws WechatApiError. */
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<T>;
  /** Downloads a file (the media API answers bytes, or JSON with an errcode). */
  download(path: string, query: Record<string, string>, maxBytes: number): Promise<Media>;
  token(): Promise<string>;
}

function errorOf(answer: unknown, path: string): WechatApiError | null {
  const code = (answer as { errcode?: unknown } | null)?.errcode;
  if (typeof code !== 'number' || code === 0) return null;
  return new WechatApiError(code, String((answer as { errmsg?: unknown }).errmsg ?? ''), path);
}

export function createWechatApi(options: WechatApiOptions): WechatApi {
  const url = (path: string, query: Record<string, string> = {}) => {
    const target = new URL(`${options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
    return target;
  };
  const send = (method: 'GET' | 'POST', path: string, query?: Record<string, string>, body?: unknown) =>
    fetch(url(path, query), {
      method,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const raw: RawApi = {
    async request(method, path, query, body) {
      const response = await send(method, path, query, body);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.json();
    },
  };

  async function fresh(force: boolean, bad?: string): Promise<string> {
    const store = options.store();
    const kept = await store.get<{ token: string; expiresAt: number }>(TOKEN_KEY);
    const now = options.now().getTime();
    // Another process may have refreshed it already: its token is good, no need to force a new one.
    if (kept && kept.token !== bad && kept.expiresAt - now > REFRESH_MARGIN_MS) return kept.token;
    const answer = await options.fetchToken(raw, force && kept?.token === bad);
    const failure = errorOf(answer, 'token');
    if (failure) throw failure;
    if (!answer.access_token) throw new Error('token: the platform answered without an access_token');
    const seconds = answer.expires_in ?? 7200;
    await store.set(TOKEN_KEY, { token: answer.access_token, expiresAt: now + seconds * 1000 }, seconds);
    return answer.access_token;
  }

  const api: WechatApi = {
    ...raw,
    token: () => fresh(false),
    async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, query: Record<string, string> = {}) {
      let token = await fresh(false);
      for (let attempt = 0; ; attempt++) {
        const answer = await raw.request(method, path, { ...query, access_token: token }, body);
        const failure = errorOf(answer, path);
        if (!failure) return answer as T;
        if (attempt > 0 || !TOKEN_ERRORS.has(failure.errcode)) throw failure;
        token = await fresh(true, token);
      }
    },
    async download(path, query, maxBytes) {
      const token = await fresh(false);
      const response = await send('GET', path, { ...query, access_token: token });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
      if (/json|text\/plain/i.test(contentType)) {
        const answer = (await response.json()) as unknown;
        throw errorOf(answer, path) ?? new Error(`${path}: no file in the answer`);
      }
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxBytes) throw new Error(`${path}: ${declared} bytes, over the ${maxBytes}-byte cap`);
      const content = Buffer.from(await response.arrayBuffer());
      if (content.length > maxBytes) throw new Error(`${path}: over the ${maxBytes}-byte cap`);
      const filename = /filename="?([^";]+)"?/i.exec(response.headers.get('content-disposition') ?? '')?.[1];
      return { content, contentType, ...(filename ? { filename } : {}) };
    },
  };
  return api;
}
