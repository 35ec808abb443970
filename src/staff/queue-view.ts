/**
 * A team's waiting cases in the order "take next" would hand them out: shared by the staff API's
 * `GET /queue` and the console's queue page, so both show exactly what a claim would pick.
 */
import { isCurrentEscalation, pendingPromise } from '../cases/operations.js';
import type { Case } from '../cases/types.js';
import type { Runtime } from '../runtime.js';

export interface WaitingCase {
  position: number;
  ref: string;
  priority: Case['priority'];
  reason: string;
  waitingSince: string;
  deadline: string | null;
  channel: Case['route']['channel'];
  lang: Case['lang'];
  summary: string;
  flags: string[];
}

export async function waitingCases(runtime: Runtime, team: string): Promise<WaitingCase[]> {
  const jobs = await runtime.claimer.waiting(team);
  const cases = new Map((await runtime.cases.many(jobs.map((job) => job.ref))).map((c) => [c.ref, c]));
  // A job is stale once its case moved on (claimed via reassign, resolved, escalated elsewhere):
  // "take next" skips it, so the view does too.
  const waiting = jobs.flatMap((job) => {
    const kase = cases.get(job.ref);
    if (!kase || !isCurrentEscalation(kase, team, job.n)) return [];
    return [
      {
        ref: job.ref,
        priority: kase.priority,
        reason: job.reason,
        waitingSince: job.at,
        deadline: pendingPromise(kase)?.due ?? null,
        channel: kase.route.channel,
        lang: kase.lang,
        summary: kase.summary,
        flags: kase.flags,
      },
    ];
  });
  return waiting.map((item, n) => ({ position: n + 1, ...item }));
}
