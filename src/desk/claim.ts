/**
 * "Take the next case": pulls the highest-priority, oldest job from a team's escalation queue and
 * completes it at once; the assignment then lives on the case (docs/cases.md, "Queues"). Staff hold no BullMQ lock
 * while they work. Two staff calling together never get the same job: getNextJob moves a job to
 * active for one token only.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Worker } from 'bullmq';
import type { EscalationJob, SupportQueues } from '../queues/queues.js';
import type { Desk } from './desk.js';
import type { StaffActor } from './staff-commands.js';
import type { CaseView } from './views.js';

export class CaseClaimer {
  private readonly workers = new Map<string, Worker<EscalationJob>>();

  constructor(
    private readonly queues: SupportQueues,
    private readonly desk: Desk,
  ) {}

  private worker(team: string): Worker<EscalationJob> {
    let worker = this.workers.get(team);
    if (!worker) {
      // No processor: this worker never runs jobs by itself, it only hands them out on request.
      worker = new Worker<EscalationJob>(`esc-${team}`, null, {
        connection: this.queues.connection,
        prefix: this.queues.prefixOf(`esc-${team}`),
      });
      worker.on('error', () => undefined);
      this.workers.set(team, worker);
    }
    return worker;
  }

  /** Claims the next waiting case of a team for a staff member, or returns null if none waits. */
  async next(team: string, staff: StaffActor): Promise<CaseView | null> {
    const worker = this.worker(team);
    for (;;) {
      const token = randomUUID();
      const job = (await worker.getNextJob(token, { block: false })) as Job<EscalationJob> | undefined;
      if (!job) return null;
      if (job.deferredFailure) {
        await job.moveToFailed(new Error(job.deferredFailure), token, false);
        continue;
      }
      // Assign the case while the job is still held: if that fails, the job goes back in line instead
      // of the case vanishing from the queue.
      let result: CaseView | { skipped: string };
      try {
        result = await this.desk.command<CaseView | { skipped: string }>(
          job.data.customerId,
          'staff.claim',
          { staff, team, n: job.data.n },
          { id: `claim-${job.id}-${token}`, caseRef: job.data.ref },
        );
      } catch (error) {
        await job.moveToWait(token).catch(() => undefined);
        throw error;
      }
      // fetchNext=false: otherwise BullMQ would lock the *next* job to this token too.
      await job.moveToCompleted(result, token, false);
      if (result && 'ref' in result) return result;
      // The job was stale (the case was resolved, or escalated again elsewhere): take the next one.
    }
  }

  /** The team's waiting cases in the order they would be claimed. */
  async waiting(team: string): Promise<EscalationJob[]> {
    const queue = this.queues.escalations(team);
    const jobs = await queue.getJobs(['prioritized', 'wait'], 0, 500, true);
    return jobs
      .filter((job): job is Job<EscalationJob> => Boolean(job))
      .sort(
        (a, b) =>
          (a.priority || 0) - (b.priority || 0) || a.timestamp - b.timestamp || Number(a.id) - Number(b.id),
      )
      .map((job) => job.data);
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
  }
}
