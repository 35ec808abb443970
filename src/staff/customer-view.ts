/**
 * The customer's record for staff (`GET /api/staff/customers/:id`, the console's customer page): who
 * they are and how to reach them (every identity, who linked it and when), their products with the
 * warranty state and contract of each, every case open and closed with its outcome, and their visits.
 * The profile and cases come from Redis while hot and from the record after; what only the record
 * keeps (identity links, contracts by serial, visit plans, repairs) comes from it when there is one.
 */
import { contactOf } from '../cases/customer-label.js';
import { type QuoteStatus, quoteAt } from '../cases/quote.js';
import type { Case, CustomerProfile } from '../cases/types.js';
import { SupportError } from '../errors.js';
import { type CustomerRecordExtras, customerRecordExtras } from '../record/customer-record.js';
import type { Runtime } from '../runtime.js';
import { canSee } from './access.js';
import type { StaffAccount } from './accounts.js';

export interface CustomerCase {
  ref: string;
  status: string;
  team: string | null;
  owner: string;
  channel: string;
  summary: string;
  product: string | null;
  serial: string | null;
  decision: string | null;
  /** How it ended: resolved remotely or on site, an inspection, or still open. */
  outcome: { mode: string | null; kind: string | null; resolvedAt: string | null; closedAt: string | null };
  satisfaction: number | null;
  createdAt: string;
  updatedAt: string;
  /** Whether the caller may open it (agents see their teams' cases). */
  visible: boolean;
}

export interface CustomerProduct {
  category: string | null;
  serial: string | null;
  firstSeen: string;
  /** The latest warranty decision for this unit, and the case it was made on. */
  warranty: { decision: string; ref: string } | null;
  contract: { number: string; start: string | null; end: string | null; active: boolean } | null;
  repairs: number;
}

export interface CustomerView {
  customer: {
    id: string;
    name: string | null;
    phone: string | null;
    email: string | null;
    lang: string;
    /** The organisation holding their contract, if any. */
    group: string | null;
    address: string | null;
    identities: Array<{ identity: string; kind: string; linkedBy: string | null; linkedAt: string | null }>;
    optedOut: string[];
    createdAt: string;
  };
  products: CustomerProduct[];
  cases: CustomerCase[];
  visits: Array<{ ref: string; engineer: string; start: string; end: string; arrivedAt: string | null }>;
  visitPlans: Array<Record<string, unknown>>;
  contracts: Array<{ number: string; start: string | null; end: string | null; level: string | null }>;
  /** Each case's latest quote for a paid repair, with its state as of now (a lapsed one is expired). */
  quotes: Array<{
    ref: string;
    status: QuoteStatus;
    total: number;
    currency: string;
    sentAt: string;
    decidedAt: string | null;
  }>;
}

const slot = (kase: Case, name: string) => {
  const value = kase.slots?.[name];
  return typeof value === 'string' && value ? value : null;
};
const newestFirst = (a: Case, b: Case) => b.createdAt.localeCompare(a.createdAt);
const NO_EXTRAS: CustomerRecordExtras = { links: [], contracts: [], visitPlans: [], repairs: [] };

function caseOf(kase: Case, staff: StaffAccount): CustomerCase {
  return {
    ref: kase.ref,
    status: kase.status,
    team: kase.team,
    owner: kase.owner,
    channel: kase.origin.channel,
    summary: kase.summary,
    product: slot(kase, 'product'),
    serial: slot(kase, 'serial')?.toUpperCase() ?? null,
    decision: kase.warranty?.decision ?? null,
    outcome: {
      mode: kase.record?.mode ?? null,
      kind: kase.record ? (kase.record.kind ?? 'repair') : null,
      resolvedAt: kase.sla.resolvedAt ?? null,
      closedAt: kase.closedAt ?? null,
    },
    satisfaction: kase.followUp?.score ?? null,
    createdAt: kase.createdAt,
    updatedAt: kase.updatedAt,
    visible: canSee(staff, kase),
  };
}

function contractOf(data: Record<string, unknown>, number: string, today: string) {
  const start = typeof data.start === 'string' ? data.start : null;
  const ended = (data.endedEarly as { on?: string } | undefined)?.on;
  const end = ended ?? (typeof data.end === 'string' ? data.end : null);
  return { number, start, end, active: !!start && !!end && start <= today && today <= end };
}

function productsOf(
  profile: CustomerProfile,
  cases: readonly Case[],
  extras: CustomerRecordExtras,
  today: string,
): CustomerProduct[] {
  return profile.products.map((product) => {
    const serial = product.serial?.toUpperCase() ?? null;
    const latest = serial ? cases.find((kase) => slot(kase, 'serial')?.toUpperCase() === serial) : undefined;
    const covering = serial
      ? extras.contracts.find((contract) => contract.serials.includes(serial))
      : undefined;
    const summary = latest?.contract ?? null;
    return {
      category: product.category ?? null,
      serial,
      firstSeen: product.firstSeen,
      warranty: latest?.warranty ? { decision: latest.warranty.decision, ref: latest.ref } : null,
      contract: covering
        ? contractOf(covering.data, covering.number, today)
        : summary
          ? contractOf(summary as unknown as Record<string, unknown>, summary.number, today)
          : null,
      repairs: serial
        ? extras.repairs.filter((repair) => repair.serial === serial && repair.kind !== 'inspection').length
        : 0,
    };
  });
}

function identitiesOf(profile: CustomerProfile, extras: CustomerRecordExtras) {
  return profile.identities.map((identity, index) => {
    const link = extras.links.findLast((found) => found.identity === identity);
    return {
      identity,
      kind: identity.slice(0, Math.max(0, identity.indexOf(':'))) || 'other',
      // The first identity is the one they first wrote from; later ones were linked by staff.
      linkedBy: link?.by ?? null,
      linkedAt: link?.at ?? (index === 0 ? profile.createdAt : null),
    };
  });
}

async function extrasOf(runtime: Runtime, profile: CustomerProfile, cases: readonly Case[]) {
  if (!runtime.record) return NO_EXTRAS;
  const serials = [
    ...new Set(
      [...profile.products.map((p) => p.serial), ...cases.map((kase) => slot(kase, 'serial'))]
        .filter((serial): serial is string => !!serial)
        .map((serial) => serial.toUpperCase()),
    ),
  ];
  const contracts = (profile.contracts ?? []).map((contract) => contract.number.toUpperCase());
  try {
    return await customerRecordExtras(runtime.record.readDb, profile.id, { serials, contracts });
  } catch {
    // The record away: the page still shows what Redis holds.
    return NO_EXTRAS;
  }
}

function quotesOf(cases: readonly Case[], now: Date): CustomerView['quotes'] {
  return cases.flatMap((kase) => {
    if (!kase.quote) return [];
    const { status, total, currency, sentAt, decidedAt } = quoteAt(kase.quote, now);
    return [{ ref: kase.ref, status, total, currency, sentAt, decidedAt }];
  });
}

export async function customerView(runtime: Runtime, staff: StaffAccount, id: string): Promise<CustomerView> {
  const profile = await runtime.cases.customer(id);
  if (!profile) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no customer ${id}`);
  const cases = (await runtime.cases.many(profile.cases)).sort(newestFirst);
  if (staff.role !== 'supervisor' && !cases.some((kase) => canSee(staff, kase))) {
    throw new SupportError('SUPPORT_ERR_FORBIDDEN', `customer ${id} has no case of your teams`);
  }
  const extras = await extrasOf(runtime, profile, cases);
  const today = runtime.clock.now().toISOString().slice(0, 10);
  const { phone, email } = contactOf(profile.identities);
  const named = cases.find((kase) => slot(kase, 'contact_name'));
  const group = extras.contracts
    .map((contract) => (contract.data.customer as { name?: string } | undefined)?.name)
    .find((name) => !!name);
  return {
    customer: {
      id: profile.id,
      name: profile.name ?? (named ? slot(named, 'contact_name') : null),
      phone: phone ?? cases.map((kase) => slot(kase, 'contact_phone')).find(Boolean) ?? null,
      email,
      lang: profile.lang,
      group: group ?? null,
      address: cases.map((kase) => slot(kase, 'address')).find(Boolean) ?? null,
      identities: identitiesOf(profile, extras),
      optedOut: profile.optedOut,
      createdAt: profile.createdAt,
    },
    products: productsOf(profile, cases, extras, today),
    cases: cases.map((kase) => caseOf(kase, staff)),
    visits: cases.flatMap((kase) =>
      kase.appointment
        ? [
            {
              ref: kase.ref,
              engineer: kase.appointment.engineer,
              start: kase.appointment.window.start,
              end: kase.appointment.window.end,
              arrivedAt: kase.appointment.arrivedAt ?? kase.record?.arrivedAt ?? null,
            },
          ]
        : [],
    ),
    visitPlans: extras.visitPlans,
    quotes: quotesOf(cases, runtime.clock.now()),
    contracts: (profile.contracts ?? []).map((contract) => ({
      number: contract.number,
      start: contract.start ?? null,
      end: contract.end ?? null,
      level: contract.level ?? null,
    })),
  };
}
