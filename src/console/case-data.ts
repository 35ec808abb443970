/**
 * Everything the case page shows besides the case itself: the pickers (people with their display
 * names, teams), the queues for the list pane, and the team's saved replies filled in for this case.
 */
import type { Case } from '../cases/types.js';
import { formatDeadline } from '../policy/format.js';
import type { Runtime } from '../runtime.js';
import type { StaffAccount } from '../staff/accounts.js';
import { type CannedValues, createCannedReplies, fillCanned } from '../staff/canned.js';
import { caseDetail } from '../staff/case-detail.js';
import { caseLabels } from './case-labels.js';
import type { ConsoleContext } from './context.js';
import type { ConsoleLang } from './i18n.js';
import { myQueues } from './routes/queue.js';
import { allTeams } from './teams.js';
import type { CasePageData, FilledCanned } from './views/case.js';

/** The values a saved reply's `{…}` take on this case, in the customer's language. */
export function cannedValues(
  runtime: Runtime,
  kase: Case,
  people: StaffAccount[],
  name?: string,
): CannedValues {
  const zone = runtime.content.policy.hours.timezone;
  const at = (iso: string) => formatDeadline(new Date(iso), kase.lang, zone);
  const due = kase.promises.findLast((promise) => promise.state === 'pending')?.due;
  const booked = kase.appointment;
  const engineer = booked ? people.find((person) => person.name === booked.engineer) : undefined;
  const contact = typeof kase.slots.contact_name === 'string' ? kase.slots.contact_name : undefined;
  const customer = name ?? contact;
  return {
    ref: kase.ref,
    ...(customer ? { customer } : {}),
    ...(due ? { deadline: at(due) } : {}),
    ...(booked ? { engineer: engineer?.displayName ?? booked.engineer } : {}),
    ...(booked ? { window: `${at(booked.window.start)} – ${at(booked.window.end)}` } : {}),
  };
}

export async function casePageData(
  ctx: ConsoleContext,
  staff: StaffAccount,
  kase: Case,
  lang: ConsoleLang,
  key: string,
): Promise<Omit<CasePageData, 'notice'>> {
  const { runtime } = ctx;
  const canned = createCannedReplies(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
  const team = kase.team ?? 'support';
  const [detail, accounts, teams, queues, replies] = await Promise.all([
    caseDetail(runtime, kase),
    ctx.accounts.list(),
    allTeams(ctx.accounts),
    myQueues(runtime, ctx.accounts, staff),
    canned.list([team, ...staff.teams]),
  ]);
  const people = accounts.filter((account) => !account.disabled);
  const values = cannedValues(runtime, kase, people, detail.customer?.name);
  const filled: FilledCanned[] = replies.map((reply) => ({
    id: `${reply.team}/${reply.id}`,
    title: reply.title,
    text: fillCanned(reply[kase.lang] ?? reply.zh ?? reply.en ?? '', values),
  }));
  return {
    detail,
    key,
    labels: caseLabels(runtime.content.bundle, lang),
    pickers: { people, teams },
    queues,
    canned: filled,
  };
}
