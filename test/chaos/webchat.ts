/**
 * The web chat under chaos: visitors mid-conversation in the built-in web chat while app processes are
 * killed. Each visitor sends a message with the page's client id and, like the page, tries the same id
 * again until the app accepts it (202); some retry once more after it was accepted, some send the same
 * id twice at once (a browser that did not see the answer). Each waits for the bot's answer before the
 * next message, as a person does. At the end, every accepted message must be in its conversation's
 * history once, in the order sent, with an answer after it; no number (`seq`) used twice.
 */
import { randomUUID } from 'node:crypto';

/** Visitors in the web chat during the load (CHAOS_VISITORS). */
export const VISITORS = Number(process.env.CHAOS_VISITORS ?? 16);

const LINES = [
  'My laptop will not turn on',
  'ThinkPad X1 Carbon',
  'serial PF2ABC12',
  'bought last March',
  'no, it was never dropped or wet',
  'no, nobody opened it',
  // The bot's steps fixed it: the case closes, and the visitor's next report is a new conversation.
  'yes, it works now',
];

interface Entry {
  seq: number;
  from: 'customer' | 'bot' | 'staff';
  kind: 'message' | 'case';
  text?: string;
}

export interface Visitor {
  ip: string;
  conversation: string | null;
  /** Texts the app accepted, in the order sent (each unique within the conversation). */
  accepted: string[];
  /** Sends that were never accepted (the app down for the whole retry budget). */
  unaccepted: number;
  posts: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The web chat's HTTP calls, to any app process (a load balancer in front of them). */
async function call(
  bases: readonly string[],
  visitor: Visitor,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const base = bases[Math.floor(Math.random() * bases.length)]!;
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'x-forwarded-for': visitor.ip,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = {};
  }
  return { status: response.status, json };
}

/** Tries a call until it answers one of the wanted statuses (the app restarting), like the page. */
async function persist(
  bases: readonly string[],
  visitor: Visitor,
  path: string,
  body: unknown,
  wanted: number[],
): Promise<{ status: number; json: Record<string, unknown> } | null> {
  for (let attempt = 0; attempt < 60; attempt++) {
    visitor.posts++;
    const answer = await call(bases, visitor, path, body).catch(() => null);
    if (answer && wanted.includes(answer.status)) return answer;
    await pause(Math.min(3000, 250 * 2 ** Math.min(attempt, 4)));
  }
  return null;
}

async function history(bases: readonly string[], visitor: Visitor): Promise<Entry[] | null> {
  const answer = await call(bases, visitor, `/chat/api/conversations/${visitor.conversation}`).catch(
    () => null,
  );
  return answer?.status === 200 ? (answer.json.entries as Entry[]) : null;
}

/** One message: retried with its client id until accepted; sometimes sent again or twice at once. */
async function sendOne(bases: readonly string[], visitor: Visitor, text: string): Promise<boolean> {
  const path = `/chat/api/conversations/${visitor.conversation}/messages`;
  const body = { text, clientId: randomUUID() };
  const twice = Math.random() < 0.2;
  const sends = twice
    ? [persist(bases, visitor, path, body, [202]), persist(bases, visitor, path, body, [202])]
    : [persist(bases, visitor, path, body, [202])];
  const answers = await Promise.all(sends);
  if (answers.every((answer) => answer === null)) return false;
  // A browser that did not see the answer sends it once more.
  if (Math.random() < 0.3) await persist(bases, visitor, path, body, [202]);
  return true;
}

/** Waits (up to 60 s) for an answer after the visitor's last message, as a person does. */
async function awaitAnswer(bases: readonly string[], visitor: Visitor, text: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const entries = await history(bases, visitor);
    const mine = entries?.findLast((entry) => entry.from === 'customer' && entry.text === text);
    if (mine && entries?.some((entry) => entry.seq > mine.seq && entry.from !== 'customer')) return;
    await pause(500);
  }
}

export function webChatLoad(
  bases: readonly string[],
  visitors: Visitor[],
  loadEnds: () => number,
): Promise<unknown> {
  for (let n = 0; n < VISITORS; n++)
    visitors.push({
      ip: `198.18.${n >> 8}.${n & 255}`,
      conversation: null,
      accepted: [],
      unaccepted: 0,
      posts: 0,
    });
  return Promise.all(
    [...visitors].map(async (first, n) => {
      await pause((n / Math.max(1, VISITORS)) * 5000);
      // One conversation per report, as a person who comes back with another fault does: a script
      // that ran past the bot's last question would be talking to the staff queue, not the bot.
      for (let visitor = first; Date.now() < loadEnds(); visitor = nextConversation(visitors, visitor)) {
        if (!(await converse(bases, visitor, loadEnds))) return;
      }
    }),
  );
}

function nextConversation(visitors: Visitor[], done: Visitor): Visitor {
  const next: Visitor = { ip: done.ip, conversation: null, accepted: [], unaccepted: 0, posts: 0 };
  visitors.push(next);
  return next;
}

/** One conversation through the script (or until the load ends); false when it could not start. */
async function converse(bases: readonly string[], visitor: Visitor, loadEnds: () => number) {
  const started = await persist(bases, visitor, '/chat/api/conversations', { locale: 'en-US' }, [201]);
  if (!started) return false;
  visitor.conversation = String(started.json.id);
  for (let k = 0; k < LINES.length && Date.now() < loadEnds(); k++) {
    // Unique texts, so the history shows which message is which.
    const text = `${LINES[k]} (${k + 1})`;
    if (await sendOne(bases, visitor, text)) visitor.accepted.push(text);
    else visitor.unaccepted++;
    await awaitAnswer(bases, visitor, text);
    await pause(1000 + Math.random() * 2000);
  }
  return true;
}

export interface WebChatFindings {
  conversations: number;
  accepted: number;
  unaccepted: number;
  posts: number;
  /** Accepted but not in the history, or in it more than once, or out of order. */
  lost: string[];
  doubled: string[];
  outOfOrder: string[];
  unanswered: string[];
  /** Conversations whose numbers repeat or skip. */
  badSeq: string[];
}

/** Reads every visitor's history and checks it against what the app accepted. */
export async function webChatFindings(
  bases: readonly string[],
  visitors: readonly Visitor[],
): Promise<WebChatFindings> {
  const found: WebChatFindings = {
    conversations: 0,
    accepted: 0,
    unaccepted: 0,
    posts: 0,
    lost: [],
    doubled: [],
    outOfOrder: [],
    unanswered: [],
    badSeq: [],
  };
  for (const visitor of visitors) {
    found.accepted += visitor.accepted.length;
    found.unaccepted += visitor.unaccepted;
    found.posts += visitor.posts;
    if (!visitor.conversation) continue;
    found.conversations++;
    const entries = (await persistHistory(bases, visitor)) ?? [];
    const label = visitor.ip;
    const seqs = entries.map((entry) => entry.seq);
    if (seqs.some((seq, i) => i > 0 && seq !== seqs[i - 1]! + 1))
      found.badSeq.push(`${label}: ${seqs.join(',')}`);
    const customer = entries.filter((entry) => entry.from === 'customer');
    for (const text of visitor.accepted) {
      const count = customer.filter((entry) => entry.text === text).length;
      if (count === 0) found.lost.push(`${label}: ${text}`);
      if (count > 1) found.doubled.push(`${label}: ${text} ×${count}`);
    }
    const order = customer.map((entry) => entry.text).filter((text) => visitor.accepted.includes(text!));
    if (order.join('\n') !== visitor.accepted.filter((text) => order.includes(text)).join('\n'))
      found.outOfOrder.push(label);
    // Each answer goes to the oldest message still waiting for one: a message is answered when an
    // answer of its own follows it, however late (a visitor may write again before it comes).
    const waiting: Entry[] = [];
    for (const entry of entries) {
      if (entry.from === 'customer') waiting.push(entry);
      else if (entry.kind === 'message') waiting.shift();
    }
    for (const entry of waiting) found.unanswered.push(`${label}: ${entry.text}`);
  }
  return found;
}

async function persistHistory(bases: readonly string[], visitor: Visitor): Promise<Entry[] | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const entries = await history(bases, visitor);
    if (entries) return entries;
    await pause(500);
  }
  return null;
}
