/**
 * Live updates by server-sent events. A stream re-renders its fragment from Redis when a live event
 * about it arrives (src/desk/live-events.ts, published by whichever app process changed the case, heard
 * through this process's one subscriber) and pushes it only when it changed. Events are debounced, so a
 * burst costs one re-read; a slow fallback re-read catches any event lost on the way. The session is
 * re-checked on every re-read, and an account or session change is itself an event: signing out
 * everywhere ends open streams at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvent } from '../../desk/live-events.js';
import { canSee } from '../../staff/access.js';
import type { StaffAccount } from '../../staff/accounts.js';
import { caseDetail, loadCase } from '../../staff/case-detail.js';
import { refParams } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { casesAtRisk } from '../at-risk.js';
import { caseLabels } from '../case-labels.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, signedIn } from '../context.js';
import { currentSession } from '../guard.js';
import type { LiveFeed } from '../live-feed.js';
import { atRiskFragment } from '../views/at-risk.js';
import { timelineFragment } from '../views/case.js';
import { queueFragment } from '../views/queue.js';
import { myQueues } from './queue.js';

/** A comment line when nothing was sent for this long keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;
/** Longest wait for this process's subscription before a stream's first read (then the timer covers). */
const SUBSCRIBE_WAIT_MS = 2_000;

export interface LiveStreams {
  feed: LiveFeed;
  /** Re-read this long after a matching event, so a burst of events costs one re-read. */
  debounceMs: number;
  /** Re-read anyway this often, in case an event was lost. */
  fallbackMs: number;
  /** Open streams, ended when the app closes (so shutdown does not wait on browsers). */
  open: Set<() => void>;
}

function stream(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: ConsoleContext,
  live: LiveStreams,
  wakesOn: (event: LiveEvent) => boolean,
  render: () => Promise<string | null>,
): void {
  reply.hijack();
  const raw = reply.raw;
  // The security headers set by the hooks so far: a hijacked reply does not send them by itself.
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value : String(value);
  }
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  let last = '';
  let lastWrite = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let dueAt = Number.POSITIVE_INFINITY;
  let running = false;
  let again = false;
  let ended = false;
  const schedule = (ms: number) => {
    if (ended || Date.now() + ms >= dueAt) return;
    clearTimeout(timer);
    dueAt = Date.now() + ms;
    timer = setTimeout(() => void tick(), ms);
  };
  const stopListening = live.feed.listen((event) => {
    if (!wakesOn(event)) return;
    // An event during a re-read may describe a change that re-read missed: read once more after it.
    if (running) again = true;
    else schedule(live.debounceMs);
  });
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    stopListening();
    live.open.delete(end);
    raw.end();
  };
  live.open.add(end);
  request.raw.on('close', end);
  const tick = async () => {
    dueAt = Number.POSITIVE_INFINITY;
    if (ended) return;
    running = true;
    try {
      const fragment = (await currentSession(request, ctx)) ? await render() : null;
      if (fragment === null) {
        raw.write('event: ended\ndata: {}\n\n');
        return end();
      }
      if (fragment !== last) {
        last = fragment;
        raw.write(`event: update\ndata: ${JSON.stringify({ html: fragment })}\n\n`);
        lastWrite = Date.now();
      } else if (Date.now() - lastWrite >= KEEP_ALIVE_MS) {
        raw.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
    } catch (error) {
      request.log.warn({ err: error }, 'console live update failed');
    } finally {
      running = false;
    }
    schedule(again ? live.debounceMs : live.fallbackMs);
    again = false;
  };
  // A cluster client finds its nodes before it subscribes: the first read waits for that (bounded).
  void live.feed.ready(SUBSCRIBE_WAIT_MS).then(tick);
}

/** Events about this person's own account or sessions wake every stream they have open. */
const aboutMe = (staff: StaffAccount, event: LiveEvent) => event.staff === staff.name;

export function eventRoutes(live: LiveStreams): ConsoleRoutes {
  return (app, ctx) => {
    const { runtime } = ctx;
    app.get('/console/events/queue', async (request, reply) => {
      const { staff } = signedIn(request);
      const mine = new Set(staff.teams);
      const wakes = (event: LiveEvent) =>
        aboutMe(staff, event) ||
        (!!event.queue &&
          (staff.role === 'supervisor' || !event.teams || event.teams.some((team) => mine.has(team))));
      stream(
        request,
        reply,
        ctx,
        live,
        wakes,
        async () =>
          queueFragment(pageContext(request, runtime), await myQueues(runtime, ctx.accounts, staff)).value,
      );
    });

    // Supervisors only; re-checked on every re-read (a role change is an event): a demoted one stops.
    app.get('/console/events/at-risk', async (request, reply) => {
      const { staff } = signedIn(request);
      if (staff.role !== 'supervisor') return reply.code(403).send();
      const wakes = (event: LiveEvent) => aboutMe(staff, event) || !!event.queue;
      stream(request, reply, ctx, live, wakes, async () => {
        const now = await ctx.accounts.get(staff.name);
        if (now?.role !== 'supervisor') return null;
        return atRiskFragment(pageContext(request, runtime), await casesAtRisk(runtime)).value;
      });
    });

    app.get('/console/events/cases/:ref', async (request, reply) => {
      const { staff } = signedIn(request);
      const { ref } = parseInput(refParams, request.params, 'params');
      const first = await loadCase(runtime, ref);
      if (!canSee(staff, first)) return reply.code(403).send();
      const wakes = (event: LiveEvent) => aboutMe(staff, event) || event.ref === ref;
      stream(request, reply, ctx, live, wakes, async () => {
        const kase = await runtime.cases.get(ref);
        if (!kase || !canSee(staff, kase)) return null;
        const labels = caseLabels(runtime.content.bundle, request.consoleLang);
        const [detail, people] = await Promise.all([caseDetail(runtime, kase), ctx.accounts.list()]);
        return timelineFragment(pageContext(request, runtime), detail, labels, people).value;
      });
    });
  };
}
