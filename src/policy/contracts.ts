/**
 * Service contracts in the warranty decision (plan section 3), pure: which contract covers a unit on a
 * given day, and what that changes in the decision. 三包 comes first — a contract is the extended
 * service beyond it (plan 3(1)) — and the plan's out-of-warranty causes (section 2) still make a repair
 * paid. Dates are inclusive: a contract from 2026-01-01 to 2026-12-31 covers both days.
 */

import type { Text } from '../flows/schema.js';
import type { Contract, ContractSummary } from './contract.js';
import { addDays, type IsoDate } from './dates.js';
import { formatDate } from './format.js';
import type { Policy } from './schema.js';
import type { WarrantyDecision } from './warranty.js';

export type ContractStatus = 'covered' | 'not_started' | 'expired' | 'ended_early';

export interface ContractCover {
  contract: Contract;
  status: ContractStatus;
}

/** The last day a contract covers: its end, or the day a supervisor ended it early. */
export function lastCoveredDay(contract: Pick<Contract, 'end' | 'endedEarly'>): IsoDate {
  const early = contract.endedEarly?.on;
  return early && early < contract.end ? early : contract.end;
}

export function contractStatus(
  contract: Pick<Contract, 'start' | 'end' | 'endedEarly'>,
  today: IsoDate,
): ContractStatus {
  if (today < contract.start) return 'not_started';
  if (today <= lastCoveredDay(contract)) return 'covered';
  return today <= contract.end ? 'ended_early' : 'expired';
}

const rank: Record<ContractStatus, number> = { covered: 0, ended_early: 1, expired: 2, not_started: 3 };

/**
 * The contract that speaks for this unit today: one listing its serial, or a site contract of the
 * customer for its category. A covering one wins over one that ended or has not started.
 */
export function findCover(
  contracts: readonly Contract[],
  unit: { serial: string | null; category: string | null; customerId: string },
  today: IsoDate,
): ContractCover | null {
  const serial = unit.serial?.toUpperCase() ?? null;
  const matches = contracts.filter(
    (contract) =>
      (serial !== null && contract.serials.some((listed) => listed.toUpperCase() === serial)) ||
      (contract.site !== undefined &&
        unit.category !== null &&
        contract.site.category === unit.category &&
        contract.holders.includes(unit.customerId)),
  );
  const covers = matches.map((contract) => ({ contract, status: contractStatus(contract, today) }));
  covers.sort((a, b) => rank[a.status] - rank[b.status] || b.contract.end.localeCompare(a.contract.end));
  return covers[0] ?? null;
}

export function contractSummary(contract: Contract): ContractSummary {
  return {
    number: contract.number,
    level: contract.level,
    responseMinutes: Math.round(contract.responseHours * 60),
    start: contract.start,
    end: lastCoveredDay(contract),
  };
}

function fill(text: Text, values: Record<string, Text | string>): Text {
  const one = (lang: 'zh' | 'en') =>
    text[lang].replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
      const value = values[name];
      return value === undefined ? '' : typeof value === 'string' ? value : value[lang];
    });
  return { zh: one('zh'), en: one('en') };
}

const dateText = (date: IsoDate): Text => ({ zh: formatDate(date, 'zh'), en: formatDate(date, 'en') });

/** Plan 3(3)(4) as one paragraph in both languages. */
export function contractTerms(policy: Policy): Text {
  const { intro, items } = policy.service_contracts.terms;
  const one = (lang: 'zh' | 'en') =>
    `${intro[lang]}\n${items.map((item, n) => `${n + 1}. ${item[lang]}`).join('\n')}`;
  return { zh: one('zh'), en: one('en') };
}

/** Decisions a contract may turn into a contract repair: out of warranty, or a date 三包 cannot settle. */
const CONTRACT_RULES = new Set(['expired', 'unknown_date', 'imprecise_date', 'main_part_unknown']);

export interface ContractDecision extends Omit<WarrantyDecision, 'decision'> {
  decision: WarrantyDecision['decision'] | 'contract_repair';
  contract?: ContractSummary;
  /** The contract's status today, when one was found for the unit. */
  contractStatus?: ContractStatus;
}

/**
 * The warranty decision with contracts applied. 三包 replacements and free repairs stand; a cause the
 * customer is responsible for stays paid (plan section 2); otherwise a covering contract makes it a
 * contract repair, and an ended one is named so the customer knows why it is paid.
 */
export function applyContract(
  decision: WarrantyDecision,
  cover: ContractCover | null,
  policy: Policy,
  serial: string | null,
): ContractDecision {
  if (!cover || !CONTRACT_RULES.has(decision.rule)) return decision;
  const texts = policy.service_contracts;
  const { contract, status } = cover;
  if (status === 'covered') {
    const summary = contractSummary(contract);
    const covered = fill(texts.covered, {
      number: contract.number,
      end: dateText(summary.end),
      level: texts.levels[contract.level],
      response: String(contract.responseHours),
      serial: serial ?? '',
    });
    // What the customer bought excludes is theirs to know before the engineer comes.
    const excluded = contract.excludes.length
      ? fill(texts.excludes, {
          excludes: { zh: contract.excludes.join('、'), en: contract.excludes.join(', ') },
        })
      : null;
    return {
      ...decision,
      decision: 'contract_repair',
      rule: `contract:${contract.number}`,
      options: ['repair'],
      contract: summary,
      contractStatus: status,
      explanation: excluded
        ? { zh: `${covered.zh}${excluded.zh}`, en: `${covered.en} ${excluded.en}` }
        : covered,
    };
  }
  // An ended or future contract does not change the outcome; it explains it.
  const note =
    status === 'not_started'
      ? fill(texts.not_started, { number: contract.number, start: dateText(contract.start) })
      : fill(texts.ended, { number: contract.number, end: dateText(lastCoveredDay(contract)) });
  return {
    ...decision,
    contractStatus: status,
    explanation: {
      zh: `${decision.explanation.zh}${note.zh}`,
      en: `${decision.explanation.en} ${note.en}`,
    },
  };
}

/** The day the renewal reminder is due: `days` before the last covered day. */
export function renewalDay(contract: Contract, days: number): IsoDate {
  return addDays(lastCoveredDay(contract), -days);
}

/** The renewal notice the customer is told at their next contact. */
export function renewalNotice(contract: Contract, policy: Policy): Text {
  return fill(policy.service_contracts.renewal_notice, {
    number: contract.number,
    end: dateText(lastCoveredDay(contract)),
    phone: policy.contact.phone,
  });
}
