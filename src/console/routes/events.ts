/**
 * Live updates by server-sent events. Each stream re-renders its fragment every `pollMs` from Redis
 * (queues and cases live there, so a change made through any app process shows up) and pushes it only
 * when it changed. The session is re-checked on every tick: signing out everywhere ends open streams.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canSee } from '../../staff/access.js';
import { caseDetail, loadCase } from '../../staff/case-detail.js';
import { refParams } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { casesAtRisk } from '../at-risk.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, signedIn } from '../context.js';
import { currentSession } from '../guard.js';
import { atRiskFragment } from '../views/at-risk.js';
import { timelineFragment } from '../views/case.js';
import { queueFragment } from '../views/queue.js';
import { myQueues } from './queue.js';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_TICKS = 10;

export interface LiveStreams {
  pollMs: number;
  /** Open streams, ended when the app closes (so shutdown does not wait on browsers). */
  open: Set<() => void>;
}

function stream(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: ConsoleContext,
  live: LiveStreams,
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
  let ticks = 0;
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    live.open.delete(end);
    raw.end();
  };
  live.open.add(end);
  request.raw.on('close', end);
  const tick = async () => {
    if (ended) return;
    try {
      const fragment = (await currentSession(request, ctx)) ? await render() : null;
      if (fragment === null) {
        raw.write('event: ended\ndata: {}\n\n');
        return end();
      }
      if (fragment !== last) {
        last = fragment;
        raw.write(`event: update\ndata: ${JSON.stringify({ html: fragment })}\n\n`);
      } else if (++ticks % KEEP_ALIVE_TICKS === 0) {
        raw.write(': keep-alive\n\n');
      }
    } catch (error) {
      request.log.warn({ err: error }, 'console live update failed');
    }
    if (!ended) timer = setTimeout(() => void tick(), live.pollMs);
  };
  void tick();
}

export function eventRoutes(live: LiveStreams): ConsoleRoutes {
  return (app, ctx) => {
    const { runtime } = ctx;
    app.get('/console/events/queue', async (request, reply) => {
      const { staff } = signedIn(request);
      stream(
        request,
        reply,
        ctx,
        live,
        async () =>
          queueFragment(pageContext(request, runtime), await myQueues(runtime, ctx.accounts, staff)).value,
      );
    });

    // Supervisors only; re-checked on every tick, so someone demoted stops receiving it.
    app.get('/console/events/at-risk', async (request, reply) => {
      const { staff } = signedIn(request);
      if (staff.role !== 'supervisor') return reply.code(403).send();
      stream(request, reply, ctx, live, async () => {
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
      stream(request, reply, ctx, live, async () => {
        const kase = await runtime.cases.get(ref);
        if (!kase || !canSee(staff, kase)) return null;
        return timelineFragment(pageContext(request, runtime), await caseDetail(runtime, kase)).value;
      });
    });
  };
}
