/**
 * `GET /chat/api/conversations/:id/events`: server-sent events for one conversation. On connect it
 * replays the history after the browser's last entry (`Last-Event-ID`, or `?after=`), so a reload or a
 * dropped connection misses nothing; then every new entry as it is written, and `typing` while the bot
 * works. Woken by the hub within this process and polling now and then for other processes' writes.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logId } from '../../src/logger.js';
import type { ChatHistory } from './history.js';
import type { ChatHub } from './hub.js';

const POLL_MS = 3000;
const KEEP_ALIVE_MS = 15_000;
/** Open streams one conversation may have (tabs of one customer); more are refused. */
export const MOST_STREAMS = 5;
/** Open streams one address may have (a household's or an office's tabs); more are refused. */
export const MOST_STREAMS_PER_ADDRESS = 20;

export interface EventStreamDeps {
  history: ChatHistory;
  hub: ChatHub;
  /** Every open stream, ended on shutdown so the server can close. */
  open: Set<ServerResponse>;
}

export async function streamEvents(
  deps: EventStreamDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  after: number,
): Promise<void> {
  const { history, hub, open } = deps;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  open.add(raw);
  let last = after;
  let busy = false;
  let again = false;
  const flush = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        for (const entry of await history.after(id, last)) {
          raw.write(`id: ${entry.seq}\nevent: entry\ndata: ${JSON.stringify(entry)}\n\n`);
          last = entry.seq;
        }
      } while (again);
    } catch (error) {
      request.log.warn(
        { err: error, channel: 'webchat', conversation: logId(id) },
        'web chat stream could not read the history',
      );
    } finally {
      busy = false;
    }
  };
  const unwatch = hub.watch(id, (event) => {
    if (event.typing) raw.write('event: typing\ndata: {}\n\n');
    else void flush();
  });
  const poll = setInterval(() => void flush(), POLL_MS);
  const beat = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  raw.on('close', () => {
    unwatch();
    clearInterval(poll);
    clearInterval(beat);
    open.delete(raw);
  });
  await flush();
}
