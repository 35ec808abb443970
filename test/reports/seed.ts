/**
 * Record data for report tests: cases (and their maintenance records) written to a test database in
 * the columns the recorder writes (src/record/rows.ts), with the dates, decisions and parts a test
 * chooses — a year of history in a few rows.
 */
import type { Case, CustomerProfile, PartReplaced } from '../../src/cases/types.js';
import type { RecordDb } from '../../src/db/connect.js';
import { caseRow, customerRow, maintenanceRow } from '../../src/record/rows.js';

export interface FaultSeed {
  ref: string;
  customerId: string;
  product: string;
  serial?: string;
  createdAt: string;
  decision?: 'replace' | 'free_repair' | 'paid_repair' | 'contract_repair' | 'needs_review';
  doa?: boolean;
  symptom?: string;
  model?: string;
  parts?: string[];
  /** A preventive visit case, not a fault. */
  visit?: boolean;
  /** Staff who handled it, the team, status, the appointment… (merged into the case). */
  extra?: Partial<Case>;
}

export function faultCase(seed: FaultSeed): Case {
  const route = { channel: 'sms' as const, identity: 'phone:+8613800000000', address: '+8613800000000' };
  const slots: Record<string, unknown> = { product: seed.product };
  if (seed.serial) slots.serial = seed.serial;
  if (seed.symptom) slots.symptom = seed.symptom;
  if (seed.model) slots.model = seed.model;
  if (seed.doa) slots.doa = true;
  const coverage: PartReplaced['coverage'] = seed.decision === 'paid_repair' ? 'paid' : 'warranty';
  return {
    ref: seed.ref,
    customerId: seed.customerId,
    status: 'closed',
    priority: 'normal',
    team: 'support',
    owner: 'bot',
    origin: route,
    route,
    lang: 'zh',
    flow: seed.visit ? 'preventive_visit' : 'fault_report',
    summary: seed.symptom ?? '',
    slots,
    warranty: seed.decision
      ? { decision: seed.decision, rule: seed.doa ? 'doa' : 'period', explanation: { zh: '', en: '' } }
      : null,
    conversations: [],
    promises: [],
    sla: {},
    escalations: 0,
    escalationReason: null,
    flags: [],
    consent: {},
    appointment: null,
    ...(seed.visit ? { visit: { contract: null, due: seed.createdAt.slice(0, 10) } } : {}),
    record: seed.parts
      ? {
          faultReported: seed.symptom ?? '',
          faultFound: seed.symptom ?? '',
          cause: '',
          actions: '',
          partsReplaced: seed.parts.map((part) => ({ part, coverage })),
          engineer: 'wang',
          finishedAt: seed.createdAt,
          mode: 'onsite',
          kind: seed.visit ? 'inspection' : 'repair',
        }
      : null,
    followUp: null,
    handledBy: [],
    createdAt: seed.createdAt,
    updatedAt: seed.createdAt,
    closedAt: seed.createdAt,
    ...seed.extra,
  };
}

/** Writes the cases (and maintenance records) as the recorder would. */
export async function seedCases(db: RecordDb, cases: readonly Case[]): Promise<void> {
  for (const kase of cases) {
    await db.insertInto('cases').values(caseRow(kase, '1')).execute();
    const record = maintenanceRow(kase, '1');
    if (record) await db.insertInto('maintenance_records').values(record).execute();
  }
}

export async function seedFaults(db: RecordDb, seeds: readonly FaultSeed[]): Promise<void> {
  await seedCases(db, seeds.map(faultCase));
}

/** A customer as the recorder writes one (the record's copy of their profile). */
export async function seedCustomer(db: RecordDb, id: string, name: string, lang: 'zh' | 'en' = 'zh') {
  const at = '2026-01-01T00:00:00.000Z';
  const profile: CustomerProfile = {
    id,
    identities: [],
    lang,
    name,
    products: [],
    cases: [],
    optedOut: [],
    createdAt: at,
    updatedAt: at,
  };
  await db.insertInto('customers').values(customerRow(profile, '1')).execute();
}
