/**
 * Conversations the bot has without a person: those in progress (the bot owns an open case) and those
 * it finished on its own in the last days. Supervisors watch them and may take one over.
 */
import type { Case } from '../cases/types.js';
import type { Runtime } from '../runtime.js';

export const FINISHED_DAYS = 7;

export interface BotConversations {
  inProgress: Case[];
  finished: Case[];
}

export function withTheBot(kase: Case): boolean {
  return kase.owner === 'bot' && (kase.status === 'open' || kase.status === 'waiting_customer');
}

/** Resolved or closed, and no person ever replied, owned or was handed it. */
export function finishedByTheBot(kase: Case): boolean {
  return (
    (kase.status === 'resolved' || kase.status === 'closed') &&
    kase.handledBy.length === 0 &&
    kase.escalations === 0
  );
}

export function sortBotConversations(cases: readonly Case[]): BotConversations {
  const recent = (a: Case, b: Case) => b.updatedAt.localeCompare(a.updatedAt);
  return {
    inProgress: cases.filter(withTheBot).sort(recent),
    finished: cases.filter(finishedByTheBot).sort(recent),
  };
}

export async function loadBotConversations(runtime: Runtime): Promise<BotConversations> {
  const now = runtime.clock.now();
  const from = new Date(now.getTime() - FINISHED_DAYS * 24 * 3600_000);
  return sortBotConversations(await runtime.cases.createdBetween(from, now));
}
