/**
 * How Redis's JSON becomes rows of the record: pure functions, so what each column holds can be read
 * (and tested) without a database. Every row also keeps the whole value as JSON (`data`, `profile`), so
 * the record can always show a case exactly as Redis held it; the columns are what queries filter on.
 */
import { createHash } from 'node:crypto';
import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const time = (value: string | undefined): string | null => value ?? null;

/** The case's columns (see src/db/schema.ts CasesTable); `raw` is its JSON as Redis held it, if at hand. */
export function caseRow(kase: Case, version: string, raw?: string) {
  const serial = text(kase.slots?.serial);
  return {
    ref: kase.ref,
    customer_id: kase.customerId,
    status: kase.status,
    priority: kase.priority,
    team: kase.team,
    owner: kase.owner,
    channel: kase.origin.channel,
    lang: kase.lang,
    flow: kase.flow,
    summary: kase.summary ?? '',
    product: text(kase.slots?.product),
    serial: serial ? serial.toUpperCase() : null,
    contract_number: kase.contract?.number ?? null,
    decision: kase.warranty?.decision ?? null,
    escalations: kase.escalations ?? 0,
    satisfaction: typeof kase.followUp?.score === 'number' ? kase.followUp.score : null,
    created_at: kase.createdAt,
    updated_at: kase.updatedAt,
    escalated_at: time(kase.sla?.escalatedAt),
    first_response_at: time(kase.sla?.firstResponseAt),
    resolved_at: time(kase.sla?.resolvedAt),
    closed_at: time(kase.closedAt),
    anonymised: kase.flags.includes('anonymised'),
    hot: true,
    data: raw ?? JSON.stringify(kase),
    version,
  };
}

export type CaseRow = ReturnType<typeof caseRow>;

const sum = (values: Array<number | undefined>) =>
  values.reduce<number>((total, value) => total + (typeof value === 'number' ? value : 0), 0);

/** The maintenance record's columns: who, when, what it cost — the 三包 history of a serial. */
export function maintenanceRow(kase: Case, version: string) {
  const record = kase.record;
  if (!record) return null;
  const serial = text(kase.slots?.serial);
  return {
    ref: kase.ref,
    customer_id: kase.customerId,
    kind: record.kind ?? 'repair',
    mode: record.mode,
    engineer: record.engineer,
    serial: serial ? serial.toUpperCase() : null,
    product: text(kase.slots?.product),
    arrived_at: record.arrivedAt ?? null,
    finished_at: record.finishedAt ?? null,
    confirmation: record.confirmation?.state ?? null,
    charged: sum(record.partsReplaced.map((part) => part.amount)),
    cost:
      sum(record.partsReplaced.map((part) => part.cost)) +
      sum((record.consumables ?? []).map((used) => used.cost)),
    trips: record.trips?.length ?? 0,
    distance_km: sum((record.trips ?? []).map((trip) => trip.distanceKm)),
    data: JSON.stringify(record),
    version,
  };
}

export function customerRow(profile: CustomerProfile, version: string, raw?: string) {
  return {
    id: profile.id,
    name: profile.name ?? null,
    lang: profile.lang,
    created_at: profile.createdAt,
    updated_at: profile.updatedAt,
    profile: raw ?? JSON.stringify(profile),
    version,
  };
}

/** `phone:+8613800138000` → kind `phone`, address `+8613800138000` (what a search matches). */
export function identityRow(customerId: string, identity: string) {
  const colon = identity.indexOf(':');
  const kind = colon > 0 ? identity.slice(0, colon) : 'other';
  const value = colon > 0 ? identity.slice(colon + 1) : identity;
  return {
    identity,
    customer_id: customerId,
    kind,
    address: kind === 'email' ? value.toLowerCase() : value,
  };
}

export function productRows(profile: CustomerProfile) {
  const rows = (profile.products ?? []).map((product) => ({
    customer_id: profile.id,
    serial: (product.serial ?? '').toUpperCase(),
    category: product.category ?? '',
    first_seen: product.firstSeen,
  }));
  // One row per (serial, category): a profile may list the same unit twice.
  return [...new Map(rows.map((row) => [`${row.serial}\n${row.category}`, row])).values()];
}

/** A digest of a transcript line as Redis held it, per customer: how copies are recognised. */
export function lineHash(customerId: string, raw: string): string {
  return createHash('sha256').update(`${customerId}\n${raw}`).digest('hex').slice(0, 32);
}

/** Kinds of line whose words staff search: what customers and staff wrote, not system events. */
const SEARCHED = new Set(['in', 'out', 'note']);

export interface TranscriptLine {
  customerId: string;
  raw: string;
  entry: TranscriptEntry;
  position: string;
  n: number;
}

export function transcriptRow(line: TranscriptLine) {
  const { entry } = line;
  const meta = entry.meta ?? null;
  return {
    customer_id: line.customerId,
    case_ref: entry.case ?? null,
    conversation: entry.conv ?? null,
    at: entry.at,
    position: line.position,
    n: line.n,
    kind: entry.kind,
    channel: entry.channel ?? null,
    author: entry.author ?? null,
    text: entry.text ?? '',
    meta: meta ? JSON.stringify(meta) : null,
    message_id: text(meta?.messageId),
    provider_message_id: text(meta?.providerMessageId),
    line_hash: lineHash(line.customerId, line.raw),
    /** Not a column: whether the line's words go into `search`. */
    searched: SEARCHED.has(entry.kind),
  };
}

export type TranscriptRow = ReturnType<typeof transcriptRow>;
