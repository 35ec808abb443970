/**
 * `case_status`: status, team and reply deadline of the customer's own cases. A reference is looked up
 * only among the cases of the customer writing (matched on their channel address); someone else's
 * reference gets the same answer as a reference that does not exist, so nothing leaks.
 */
import { z } from 'zod';
import { isActive } from '../cases/lifecycle.js';
import { pendingPromise } from '../cases/operations.js';
import { caseStatuses } from '../cases/types.js';
import { defineAction } from '../engine/actions.js';
import { textSchema } from '../flows/schema.js';

const REF = /\bSR-\d{4}-\d{4,}\b/i;

const argsSchema = z.strictObject({
  none: textSchema,
  not_found: textSchema,
  line: textSchema,
  deadline: textSchema,
  statuses: z.strictObject(Object.fromEntries(caseStatuses.map((status) => [status, textSchema]))),
  teams: z.record(z.string(), textSchema),
});

export const caseStatusAction = defineAction({
  args: argsSchema as z.ZodType<z.infer<typeof argsSchema>>,
  outcomes: ['shown', 'none', 'not_found'],
  async run(turn, args) {
    const asked = REF.exec(turn.text)?.[0]?.toUpperCase();
    const own = turn.profile.cases;
    if (asked && !own.includes(asked)) {
      turn.say(args.not_found, { ref: asked });
      turn.event('status_refused', `status of ${asked} refused: not this customer's case`, { ref: asked });
      return { outcome: 'not_found' };
    }
    const refs = asked ? [asked] : own.slice(-10);
    const cases = (await turn.services.readCases(turn.customerId, refs)).filter((kase) =>
      asked ? true : isActive(kase.status),
    );
    if (cases.length === 0) {
      turn.say(args.none);
      return { outcome: 'none' };
    }
    const statuses = args.statuses as Record<string, { zh: string; en: string }>;
    for (const kase of cases.slice(-3).reverse()) {
      const promise = pendingPromise(kase);
      const team = kase.team ? (args.teams[kase.team] ?? { zh: kase.team, en: kase.team }) : undefined;
      turn.say(args.line, {
        ref: kase.ref,
        summary: kase.summary.slice(0, 40),
        status: statuses[kase.status],
        team: team ?? { zh: '机器人助手', en: 'the assistant' },
        deadline: promise
          ? turn.t(args.deadline, { due: turn.services.formatDeadline(new Date(promise.due), turn.lang) })
          : '',
      });
    }
    return { outcome: 'shown' };
  },
});
