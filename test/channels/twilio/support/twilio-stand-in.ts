/**
 * A local HTTP server standing in for Twilio's REST API. The app's real twilio client reaches it
 * through TWILIO_API_BASE_URL (real form encoding, real Basic auth); it records every request and
 * answers like Twilio: 201 with a message resource, or whatever failures the test queues.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Decoded `Authorization: Basic` credentials. */
  auth: { user: string; password: string } | null;
  contentType: string;
  form: Record<string, string>;
  /** The status the stand-in answered with. */
  status: number;
  /** The message sid it gave (accepted messages only). */
  sid?: string;
}

export interface CannedResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * `lost`: Twilio accepts the message but the answer never reaches the app (the connection drops — as
 * when the process dies while Twilio is answering).
 */
export type Canned = CannedResponse | 'accept' | 'lost';

export interface TwilioStandIn {
  url: string;
  requests: RecordedRequest[];
  /** Message-create requests Twilio accepted (201). */
  accepted(): RecordedRequest[];
  /** The next message-create requests to `to` get these answers, in order ('accept': answered as usual). */
  failNext(to: string, ...responses: Canned[]): void;
  /** Every answer waits this long first (a slow provider). */
  delayMs: number;
  /** While set, every message-create request gets this answer (an outage: 500, 429…). */
  outage: CannedResponse | null;
  /** Called for every message Twilio accepts (a load generator learns that a reply went out). */
  onAccepted: ((request: RecordedRequest) => void) | null;
  close(): Promise<void>;
}

function basicAuth(header: string | undefined): RecordedRequest['auth'] {
  const match = /^Basic (.+)$/.exec(header ?? '');
  if (!match) return null;
  const [user, ...rest] = Buffer.from(match[1]!, 'base64').toString('utf8').split(':');
  return { user: user ?? '', password: rest.join(':') };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What the stand-in remembers between requests, and what a test sets. */
interface StandInState {
  requests: RecordedRequest[];
  /** Answers queued per `To` number by failNext. */
  queued: Map<string, Canned[]>;
  delayMs: number;
  outage: CannedResponse | null;
  onAccepted: ((request: RecordedRequest) => void) | null;
  /** Messages given a sid so far. */
  counter: number;
}

function answer(response: ServerResponse, status: number, body: Record<string, unknown>): number {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
  return status;
}

function newSid(state: StandInState): string {
  state.counter += 1;
  return `SM${state.counter.toString(16).padStart(32, '0')}`;
}

/** `GET …/Messages.json`: the messages sent, newest first, filtered by To (and From) like Twilio's. */
function messageList(state: StandInState, url: URL, accountSid: string) {
  const to = url.searchParams.get('To');
  const from = url.searchParams.get('From');
  const size = Number(url.searchParams.get('PageSize') ?? 50);
  const messages = state.requests
    .filter((r) => r.sid && (!to || r.form.To === to) && (!from || r.form.From === from))
    .reverse()
    .slice(0, size)
    .map((r) => ({
      sid: r.sid,
      account_sid: accountSid,
      to: r.form.To,
      from: r.form.From ?? null,
      body: r.form.Body,
      status: 'sent',
    }));
  return {
    messages,
    page: 0,
    page_size: size,
    start: 0,
    end: messages.length,
    uri: url.pathname + url.search,
    first_page_uri: url.pathname + url.search,
    next_page_uri: null,
    previous_page_uri: null,
  };
}

/** `POST …/Messages.json`: an outage, the next queued answer for the number, or accepted (201). */
function createMessage(
  state: StandInState,
  response: ServerResponse,
  recorded: RecordedRequest,
  accountSid: string,
): void {
  const { form } = recorded;
  if (state.outage) {
    recorded.status = answer(response, state.outage.status, state.outage.body);
    return;
  }
  const canned = state.queued.get(form.To ?? '')?.shift();
  if (canned === 'lost') {
    recorded.sid = newSid(state);
    recorded.status = 201;
    response.socket?.destroy();
    return;
  }
  if (canned && canned !== 'accept') {
    recorded.status = answer(response, canned.status, canned.body);
    return;
  }
  const sid = newSid(state);
  recorded.sid = sid;
  recorded.status = answer(response, 201, {
    sid,
    account_sid: accountSid,
    to: form.To,
    from: form.From ?? null,
    messaging_service_sid: form.MessagingServiceSid ?? null,
    body: form.Body,
    status: 'queued',
    num_segments: '1',
    direction: 'outbound-api',
    api_version: '2010-04-01',
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
  });
  state.onAccepted?.(recorded);
}

/** One request to the REST API: recorded, then answered as Twilio would. */
async function handle(state: StandInState, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const raw = await readBody(request);
  const recorded: RecordedRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    auth: basicAuth(request.headers.authorization),
    contentType: request.headers['content-type'] ?? '',
    form: Object.fromEntries(new URLSearchParams(raw)),
    status: 0,
  };
  state.requests.push(recorded);
  if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
  const account = /^\/2010-04-01\/Accounts\/(AC\w+)(\.json|\/Messages\.json)$/.exec(url.pathname);
  if (!account) {
    recorded.status = answer(response, 404, {
      code: 20404,
      message: 'The requested resource was not found',
      status: 404,
    });
  } else if (request.method === 'GET' && account[2] === '.json') {
    recorded.status = answer(response, 200, { sid: account[1], status: 'active', friendly_name: 'stand-in' });
  } else if (request.method === 'GET' && account[2] === '/Messages.json') {
    recorded.status = answer(response, 200, messageList(state, url, account[1]!));
  } else {
    createMessage(state, response, recorded, account[1]!);
  }
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const state: StandInState = {
    requests: [],
    queued: new Map(),
    delayMs: 0,
    outage: null,
    onAccepted: null,
    counter: 0,
  };
  const { requests, queued } = state;
  const server = createServer((request, response) => void handle(state, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () =>
      requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json') && r.status === 201),
    failNext: (to, ...responses) => queued.set(to, [...(queued.get(to) ?? []), ...responses]),
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    get outage() {
      return state.outage;
    },
    set outage(value: CannedResponse | null) {
      state.outage = value;
    },
    get onAccepted() {
      return state.onAccepted;
    },
    set onAccepted(value: ((request: RecordedRequest) => void) | null) {
      state.onAccepted = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
