/**
 * 三包 for a unit repaired twice that still fails (《部分商品修理更换退货责任规定》第十一条, the rule the
 * service plan cites with the computer rules): within the 三包 period, a product repaired twice that
 * cannot be used normally is exchanged free for the same model and specification, or refunded under
 * 第十三条 — "凭修理者提供的修理记录和证明", so it is decided from the serial's repair record, never from
 * what the customer remembers. Pure: the history is an input.
 *
 * What counts and what resets the count is the policy's (`warranty.repeat_failure`):
 * - a repair counts when its maintenance record is a repair (not an inspection) of this serial, on a case
 *   the warranty decided as one of `count_decisions` (free repairs: paid and contract repairs are not
 *   三包 repairs), finished before today;
 * - with `reset_on_exchange`, only repairs after the unit's last exchange count (第十四条: 换货后的三包
 *   有效期自换货之日起重新计算);
 * - only a fault that is itself inside 三包 (a free repair decided from the dates) is upgraded.
 */
import type { Lang } from '../port/messages.js';
import { formatDate } from './format.js';
import type { RepeatFailurePolicy } from './repeat-failure-schema.js';
import type { WarrantyDecision, WarrantyOption } from './warranty.js';

/** One entry of a serial's repair record, from the record (PostgreSQL) or a case still in Redis. */
export interface RepairEntry {
  ref: string;
  /** The day the work finished (YYYY-MM-DD, service time zone). */
  finishedOn: string;
  /** `repair`, `inspection` or `exchange`, as the maintenance record says. */
  kind: string;
  /** The case's warranty decision when the unit was repaired (null: never decided). */
  decision: string | null;
}

/** The repairs that count now, oldest first, after the last exchange when exchanges reset the count. */
export function countedRepairs(
  history: readonly RepairEntry[],
  rules: RepeatFailurePolicy,
  today: string,
): RepairEntry[] {
  const past = [...history]
    .filter((entry) => entry.finishedOn <= today)
    .sort((a, b) => a.finishedOn.localeCompare(b.finishedOn) || a.ref.localeCompare(b.ref));
  const lastExchange = rules.reset_on_exchange
    ? past.findLast((entry) => entry.kind === 'exchange')
    : undefined;
  return past.filter(
    (entry) =>
      entry.kind === 'repair' &&
      entry.decision !== null &&
      (rules.count_decisions as readonly string[]).includes(entry.decision) &&
      (!lastExchange || entry.finishedOn > lastExchange.finishedOn),
  );
}

export interface RepeatFailureDecision extends WarrantyDecision {
  /** The repairs the decision rests on (the last `repairs` counted ones), oldest first. */
  repairs: Array<{ ref: string; finishedOn: string }>;
}

function sentence(rules: RepeatFailurePolicy, repairs: readonly RepairEntry[], lang: Lang): string {
  const listed = repairs
    .map((entry) =>
      rules.repair[lang]
        .replaceAll('{{date}}', formatDate(entry.finishedOn, lang))
        .replaceAll('{{ref}}', entry.ref),
    )
    .join(lang === 'zh' ? '、' : ' and ');
  return rules.explanation[lang]
    .replaceAll('{{repairs}}', listed)
    .replaceAll('{{count}}', String(repairs.length));
}

/**
 * The decision for a fault inside 三包 on a unit the record shows repaired `repairs` times: an exchange
 * (or refund) naming those repairs. Any other decision is returned as it was.
 */
export function applyRepeatFailure(
  decision: WarrantyDecision,
  history: readonly RepairEntry[],
  rules: RepeatFailurePolicy,
  today: string,
): WarrantyDecision | RepeatFailureDecision {
  if (decision.decision !== 'free_repair') return decision;
  const counted = countedRepairs(history, rules, today);
  if (counted.length < rules.repairs) return decision;
  const basis = counted.slice(-rules.repairs);
  return {
    decision: 'replace',
    rule: 'repeat_failure',
    options: [...rules.options] as WarrantyOption[],
    coverage: decision.coverage,
    explanation: { zh: sentence(rules, basis, 'zh'), en: sentence(rules, basis, 'en') },
    repairs: basis.map((entry) => ({ ref: entry.ref, finishedOn: entry.finishedOn })),
  };
}
