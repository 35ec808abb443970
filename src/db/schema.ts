/**
 * The record's tables as Kysely sees them (the SQL is in migrations/). Timestamps come back as Date,
 * bigint columns as strings (node-postgres does not guess at 64-bit numbers), jsonb as parsed JSON and
 * is written as a JSON string.
 *
 * `version` on a snapshot row is the stream position of the change that wrote it (milliseconds × 10⁶ +
 * sequence, see src/record/stream.ts): a snapshot only ever replaces an older one, whatever order two
 * recorders commit in.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** jsonb: read as a value, written as its JSON text. */
type Json<T = unknown> = ColumnType<T, string, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null, string | null>;
/** bigint: node-postgres reads it as a string. */
type BigInt = ColumnType<string, string | number | bigint, string | number | bigint>;
/** Written with an SQL expression (`to_tsvector(…)`), read as its text form. */
type Tsvector = ColumnType<string | null, string | null, string | null>;

export interface CustomersTable {
  id: string;
  name: string | null;
  lang: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  erased_at: NullableTimestamp;
  profile: Json;
  version: BigInt;
}

export interface IdentitiesTable {
  /** `phone:+8613800138000`, `email:li@example.cn`, `chat:<user id>`. */
  identity: string;
  customer_id: string;
  /** `phone`, `email`, `chat`, … (the part before the first colon). */
  kind: string;
  /** What search matches: E.164 digits for a phone, the lower-cased address for an email. */
  address: string;
}

export interface ProductsTable {
  customer_id: string;
  /** Upper-cased serial number, '' when only the category is known. */
  serial: string;
  category: string;
  first_seen: Timestamp;
}

export interface CasesTable {
  ref: string;
  customer_id: string;
  status: string;
  priority: string;
  team: string | null;
  owner: string;
  /** The channel the case came in on. */
  channel: string;
  lang: string;
  flow: string | null;
  summary: string;
  product: string | null;
  serial: string | null;
  contract_number: string | null;
  /** The warranty decision (replace, free_repair, paid_repair, …). */
  decision: string | null;
  escalations: number;
  satisfaction: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  escalated_at: NullableTimestamp;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  anonymised: boolean;
  /** Still kept in Redis (false once a closed case left it after HOT_DAYS). */
  hot: boolean;
  data: Json;
  version: BigInt;
}

export interface CaseChangesTable {
  id: Generated<string>;
  ref: string;
  at: Timestamp;
  event_id: string;
  status: string;
  previous_status: string | null;
  owner: string;
  team: string | null;
}

export interface TranscriptEntriesTable {
  id: Generated<string>;
  customer_id: string;
  case_ref: string | null;
  conversation: string | null;
  at: Timestamp;
  /** Stream position of the change that added the line (0 for a line copied by the backfill). */
  position: BigInt;
  /** Order within that change (or within the Redis list, for the backfill). */
  n: number;
  kind: string;
  channel: string | null;
  author: string | null;
  text: string;
  meta: NullableJson<Record<string, unknown>>;
  /** Our id of an outbound message (joins `deliveries`). */
  message_id: string | null;
  /** The provider's id of an inbound message. */
  provider_message_id: string | null;
  /** Digest of the line as Redis held it: how the backfill recognises lines already recorded. */
  line_hash: string;
  erased: Generated<boolean>;
  /** Words of the line: Chinese segmented (jieba) and English stemmed; null once erased. */
  search: Tsvector;
}

export interface DeliveriesTable {
  message_id: string;
  state: string;
  at: Timestamp;
  provider_id: string | null;
  error: string | null;
}

export interface AuditEntriesTable {
  id: Generated<string>;
  /** The change stream entry it came from (null for an entry copied by the backfill). */
  source_id: string | null;
  line_hash: string;
  ref: string;
  at: Timestamp;
  staff: string;
  action: string;
  detail: string | null;
}

export interface MaintenanceRecordsTable {
  ref: string;
  customer_id: string;
  kind: string;
  mode: string;
  engineer: string;
  serial: string | null;
  product: string | null;
  arrived_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  confirmation: string | null;
  /** What the customer was charged for parts, and what parts and consumables cost us. */
  charged: ColumnType<string, number, number>;
  cost: ColumnType<string, number, number>;
  trips: number;
  distance_km: ColumnType<string, number, number>;
  data: Json;
  version: BigInt;
}

export interface ContractsTable {
  number: string;
  holders: string[];
  serials: string[];
  data: Json;
  updated_at: Timestamp;
}

export interface VisitPlansTable {
  number: string;
  customer_id: string;
  data: Json;
  created_at: Timestamp;
}

export interface KbEntriesTable {
  id: string;
  status: string;
  data: Json;
  updated_at: Timestamp;
}

/** A customer's group for lists and reports: set by staff, or taken from a contract they hold. */
export interface CustomerGroupsTable {
  customer_id: string;
  /** enterprise, individual, government, education, healthcare, other (src/reports/groups.ts). */
  segment: string;
  region: string | null;
  industry: string | null;
  /** `staff` or `contract`. */
  source: string;
  contract_number: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A supervisor's review of how one staff member handled one case (scores 1–5). */
export interface QualityReviewsTable {
  id: Generated<string>;
  /** ISO week the case was sampled in (`2026-W48`). */
  week: string;
  staff: string;
  case_ref: string;
  reviewer: string;
  greeting: number;
  promise: number;
  solution: number;
  record: number;
  note: string | null;
  /** The automatic flags the case had when it was reviewed. */
  flags: Json<string[]>;
  reviewed_at: Timestamp;
}

export interface RecordedEventsTable {
  event_id: string;
  recorded_at: Generated<Date>;
}

export interface RecordProgressTable {
  name: string;
  value: Json;
  updated_at: Timestamp;
}

export interface RecordDatabase {
  customers: CustomersTable;
  identities: IdentitiesTable;
  products: ProductsTable;
  cases: CasesTable;
  case_changes: CaseChangesTable;
  transcript_entries: TranscriptEntriesTable;
  deliveries: DeliveriesTable;
  audit_entries: AuditEntriesTable;
  maintenance_records: MaintenanceRecordsTable;
  contracts: ContractsTable;
  visit_plans: VisitPlansTable;
  kb_entries: KbEntriesTable;
  customer_groups: CustomerGroupsTable;
  quality_reviews: QualityReviewsTable;
  recorded_events: RecordedEventsTable;
  record_progress: RecordProgressTable;
}
