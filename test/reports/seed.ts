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

export const CUSTOMER = 'a1a1a1a1a1a1a1a1';
export const COMPANY = 'b2b2b2b2b2b2b2b2';

/**
 * Laptops and printers over 2026: in October–November five faults (four laptops: a repeat within 90
 * days, a dead-on-arrival unit, a paid repair of two parts, one without serial or decision; one printer
 * under contract), a preventive visit that is no fault, and history before and after.
 */
export async function seedProductHistory(db: RecordDb): Promise<void> {
  await seedCustomer(db, CUSTOMER, '李雷');
  await seedCustomer(db, COMPANY, '华东机械有限公司');
  await seedFaults(db, [
    // Earlier history: LAP001 repaired in September (before the period), LAP002 in May (over 90 days).
    {
      ref: 'SR-2609-0001',
      customerId: CUSTOMER,
      product: 'laptop',
      serial: 'LAP001',
      createdAt: '2026-09-10T02:00:00Z',
      decision: 'free_repair',
      symptom: '屏幕闪烁',
      parts: ['屏幕排线'],
    },
    {
      ref: 'SR-2605-0001',
      customerId: COMPANY,
      product: 'laptop',
      serial: 'LAP002',
      createdAt: '2026-05-01T02:00:00Z',
      decision: 'free_repair',
      symptom: '开不了机',
    },
    // The period, October–November.
    {
      ref: 'SR-2610-0001',
      customerId: CUSTOMER,
      product: 'laptop',
      serial: 'LAP001',
      createdAt: '2026-10-20T02:00:00Z',
      decision: 'free_repair',
      symptom: '屏幕闪烁',
      parts: ['屏幕排线'],
    },
    {
      ref: 'SR-2611-0001',
      customerId: COMPANY,
      product: 'laptop',
      serial: 'LAP002',
      createdAt: '2026-11-05T02:00:00Z',
      decision: 'paid_repair',
      symptom: '开不了机',
      model: 'ThinkPad X1',
      parts: ['主板', '电池'],
    },
    {
      ref: 'SR-2611-0002',
      customerId: CUSTOMER,
      product: 'laptop',
      serial: 'LAP003',
      createdAt: '2026-11-06T02:00:00Z',
      decision: 'replace',
      doa: true,
      symptom: '开箱屏幕有裂纹',
    },
    {
      ref: 'SR-2611-0003',
      customerId: COMPANY,
      product: 'printer',
      serial: 'PRN001',
      createdAt: '2026-11-07T02:00:00Z',
      decision: 'contract_repair',
      symptom: '卡纸',
      parts: ['搓纸轮'],
    },
    {
      ref: 'SR-2611-0004',
      customerId: COMPANY,
      product: 'printer',
      serial: 'PRN001',
      createdAt: '2026-11-08T02:00:00Z',
      visit: true,
      parts: ['硒鼓'],
    },
    {
      ref: 'SR-2611-0005',
      customerId: CUSTOMER,
      product: 'laptop',
      createdAt: '2026-11-09T02:00:00Z',
      symptom: 'Keyboard keys stick',
    },
    // After the period.
    {
      ref: 'SR-2612-0001',
      customerId: CUSTOMER,
      product: 'laptop',
      serial: 'LAP009',
      createdAt: '2026-12-02T02:00:00Z',
      decision: 'free_repair',
    },
  ]);
}

let line = 0;

/** A staff member's reply on a case, as the recorder writes a transcript line. */
export async function seedReply(db: RecordDb, kase: Case, staff: string, at: string, text: string) {
  line += 1;
  await db
    .insertInto('transcript_entries')
    .values({
      customer_id: kase.customerId,
      case_ref: kase.ref,
      at,
      position: String(line),
      n: 0,
      kind: 'out',
      channel: 'sms',
      author: `staff:${staff}`,
      text,
      line_hash: `seed-${line}`,
    })
    .execute();
}
