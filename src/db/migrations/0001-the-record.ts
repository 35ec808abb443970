/**
 * The record's first schema: customers and their identities and products, cases with every status
 * change, the transcript, deliveries, the audit trail, maintenance records, contracts, visit plans and
 * knowledge-base entries, and the recorder's own bookkeeping.
 *
 * Indexes are those the reads need and no more — every index is paid for on each of the recorder's
 * writes: a case by reference, a customer's cases and transcript, cases by period and by status,
 * serial and contract look-ups, the HOT_DAYS sweep, and the words of the conversation (GIN over
 * `transcript_entries.search`). The list's other filters (team, owner, channel, product, decision)
 * narrow a period's rows; an index for one of them is a later migration once a query plan asks for it.
 */
import type { Kysely } from 'kysely';
import { runStatements } from './statements.js';

const STATEMENTS = [
  `create table customers (
    id text primary key,
    name text,
    lang text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    erased_at timestamptz,
    profile jsonb not null,
    version bigint not null
  )`,
  `create table identities (
    identity text primary key,
    customer_id text not null,
    kind text not null,
    address text not null
  )`,
  'create index identities_customer on identities (customer_id)',
  'create index identities_address on identities (address)',
  `create table products (
    customer_id text not null,
    serial text not null default '',
    category text not null default '',
    first_seen timestamptz not null,
    primary key (customer_id, serial, category)
  )`,
  `create index products_serial on products (serial) where serial <> ''`,
  `create table cases (
    ref text primary key,
    customer_id text not null,
    status text not null,
    priority text not null,
    team text,
    owner text not null,
    channel text not null,
    lang text not null,
    flow text,
    summary text not null default '',
    product text,
    serial text,
    contract_number text,
    decision text,
    escalations integer not null default 0,
    satisfaction smallint,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    escalated_at timestamptz,
    first_response_at timestamptz,
    resolved_at timestamptz,
    closed_at timestamptz,
    anonymised boolean not null default false,
    hot boolean not null default true,
    data jsonb not null,
    version bigint not null
  )`,
  'create index cases_customer on cases (customer_id, created_at desc)',
  'create index cases_created on cases (created_at desc)',
  'create index cases_updated on cases (updated_at desc)',
  'create index cases_status on cases (status, updated_at desc)',
  'create index cases_serial on cases (serial) where serial is not null',
  'create index cases_contract on cases (contract_number) where contract_number is not null',
  // The HOT_DAYS sweep: finished cases still in Redis, the longest finished first.
  `create index cases_hot_finished on cases ((coalesce(closed_at, resolved_at)), ref)
    where hot and status in ('resolved', 'closed')`,
  `create table case_changes (
    id bigint generated always as identity primary key,
    ref text not null,
    at timestamptz not null,
    event_id text not null,
    status text not null,
    previous_status text,
    owner text not null,
    team text
  )`,
  'create index case_changes_ref on case_changes (ref, at)',
  `create table transcript_entries (
    id bigint generated always as identity primary key,
    customer_id text not null,
    case_ref text,
    conversation text,
    at timestamptz not null,
    position bigint not null,
    n integer not null,
    kind text not null,
    channel text,
    author text,
    text text not null,
    meta jsonb,
    message_id text,
    provider_message_id text,
    line_hash text not null,
    erased boolean not null default false,
    search tsvector
  )`,
  'create index transcript_customer on transcript_entries (customer_id, at, position, n)',
  'create index transcript_case on transcript_entries (case_ref, at, position, n) where case_ref is not null',
  'create index transcript_message on transcript_entries (message_id) where message_id is not null',
  'create index transcript_search on transcript_entries using gin (search)',
  `create table deliveries (
    message_id text primary key,
    state text not null,
    at timestamptz not null,
    provider_id text,
    error text
  )`,
  `create table audit_entries (
    id bigint generated always as identity primary key,
    source_id text unique,
    line_hash text not null,
    ref text not null,
    at timestamptz not null,
    staff text not null,
    action text not null,
    detail text
  )`,
  'create index audit_ref on audit_entries (ref, at)',
  `create table maintenance_records (
    ref text primary key,
    customer_id text not null,
    kind text not null,
    mode text not null,
    engineer text not null,
    serial text,
    product text,
    arrived_at timestamptz,
    finished_at timestamptz,
    confirmation text,
    charged numeric not null default 0,
    cost numeric not null default 0,
    trips integer not null default 0,
    distance_km numeric not null default 0,
    data jsonb not null,
    version bigint not null
  )`,
  'create index maintenance_serial on maintenance_records (serial, finished_at) where serial is not null',
  'create index maintenance_finished on maintenance_records (finished_at)',
  `create table contracts (
    number text primary key,
    holders text[] not null,
    serials text[] not null,
    data jsonb not null,
    updated_at timestamptz not null
  )`,
  'create index contracts_serials on contracts using gin (serials)',
  'create index contracts_holders on contracts using gin (holders)',
  `create table visit_plans (
    number text primary key,
    customer_id text not null,
    data jsonb not null,
    created_at timestamptz not null
  )`,
  'create index visit_plans_customer on visit_plans (customer_id)',
  `create table kb_entries (
    id text primary key,
    status text not null,
    data jsonb not null,
    updated_at timestamptz not null
  )`,
  `create table recorded_events (
    event_id text primary key,
    recorded_at timestamptz not null default now()
  )`,
  'create index recorded_events_age on recorded_events (recorded_at)',
  `create table record_progress (
    name text primary key,
    value jsonb not null,
    updated_at timestamptz not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, STATEMENTS);
}
