/**
 * Finding cases in the record: `GET /api/staff/cases` and the console's lists. One SQL statement finds
 * the matching cases (by reference, phone, email, name, serial, contract, or the words of the
 * conversation), ranks them — an exact reference above a serial or a phone, those above a name, a
 * name above words of the conversation, words by PostgreSQL's rank — filters them by what the caller
 * asked and may see, counts them, and brings the matching line of each case on the page for its
 * snippet. Words of the conversation are found first, on their own (src/record/search-words.ts).
 * Without a query the list is the filters' cases, most recently changed first.
 */
import { type RawBuilder, sql } from 'kysely';
import type { RecordDb } from '../db/connect.js';
import { type CaseFilters, filterConditions, type Viewer } from './search-filters.js';
import { highlightWords, type SearchTerms, searchTerms, snippetOf } from './search-terms.js';
import { type WordHits, wordHits } from './search-words.js';

export type { CaseFilters, Viewer } from './search-filters.js';

export interface CaseSearchInput extends CaseFilters {
  q?: string;
  limit: number;
  /** Where the previous page ended (the `next` it returned). */
  cursor?: string;
}

export interface FoundCase {
  ref: string;
  status: string;
  team: string | null;
  owner: string;
  channel: string;
  priority: string;
  customer: { id: string; name: string | null; phone: string | null };
  product: string | null;
  serial: string | null;
  decision: string | null;
  summary: string;
  createdAt: string;
  updatedAt: string;
  snippet: string;
}

export interface CaseSearchResult {
  count: number;
  /**
   * False when a common word matched more lines than are read (the newest are): `count` is then what
   * was found, at least that many match.
   */
  exact: boolean;
  cases: FoundCase[];
  next: string | null;
}

interface Row {
  ref: string;
  status: string;
  team: string | null;
  owner: string;
  channel: string;
  priority: string;
  customer_id: string;
  name: string | null;
  phone: string | null;
  product: string | null;
  serial: string | null;
  decision: string | null;
  summary: string;
  created_at: Date;
  updated_at: Date;
  line: string | null;
  total: string;
}

/** Ranks of what a query matched: strong identifiers first, words of the conversation last. */
const RANK = { ref: 100, code: 60, address: 50, name: 40, namePrefix: 30, words: 10 } as const;

/** The cursor is the offset of the next page, opaque to callers. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : 0;
}

/** Every way the query matches a case, as (ref, score, transcript line id). */
function hitsOf(terms: SearchTerms, words: WordHits): RawBuilder<unknown> {
  const branches: RawBuilder<unknown>[] = [];
  if (terms.code) {
    branches.push(sql`select ref, ${RANK.ref}::float8 as score, null::bigint as line
      from cases where upper(ref) = ${terms.code}`);
    branches.push(sql`select ref, ${RANK.code}::float8, null::bigint from cases
      where serial = ${terms.code} or contract_number = ${terms.text}`);
  }
  if (terms.addresses.length > 0) {
    branches.push(sql`select c.ref, ${RANK.address}::float8, null::bigint
      from identities i join cases c on c.customer_id = i.customer_id
      where i.address = any(${terms.addresses}::text[])`);
  }
  if (terms.name) {
    const prefix = `${terms.name.replace(/[\\%_]/g, '\\$&')}%`;
    branches.push(sql`select c.ref,
        case when lower(cu.name) = ${terms.name} then ${RANK.name} else ${RANK.namePrefix} end::float8, null::bigint
      from customers cu join cases c on c.customer_id = cu.id
      where lower(cu.name) like ${prefix}`);
    branches.push(sql`select c.ref,
        case when lower(c.data->'slots'->>'contact_name') = ${terms.name} then ${RANK.name}
          else ${RANK.namePrefix} end::float8, null::bigint
      from cases c where lower(c.data->'slots'->>'contact_name') like ${prefix}`);
  }
  if (words.hits.length > 0) {
    branches.push(sql`select unnest(${words.hits.map((hit) => hit.ref)}::text[]),
      ${RANK.words} * unnest(${words.hits.map((hit) => hit.rank)}::float8[]),
      unnest(${words.hits.map((hit) => hit.line)}::bigint[])`);
  }
  if (branches.length === 0) branches.push(sql`select null::text, 0::float8, null::bigint where false`);
  return sql.join(branches, sql` union all `);
}

const columns = sql`c.ref, c.status, c.team, c.owner, c.channel, c.priority, c.customer_id,
  coalesce(cu.name, c.data->'slots'->>'contact_name') as name,
  coalesce((select i.address from identities i where i.customer_id = c.customer_id and i.kind = 'phone'
    order by i.identity limit 1), c.data->'slots'->>'contact_phone') as phone,
  c.product, c.serial, c.decision, c.summary, c.created_at, c.updated_at`;

async function rowsFor(
  db: RecordDb,
  input: CaseSearchInput,
  viewer: Viewer,
  terms: SearchTerms | null,
  now: Date,
  offset: number,
): Promise<{ rows: Row[]; complete: boolean }> {
  const where = filterConditions(input, viewer, now);
  if (!terms) {
    const found = await sql<Row>`select ${columns}, null::text as line, count(*) over () as total
      from cases c left join customers cu on cu.id = c.customer_id
      where ${where}
      order by c.updated_at desc, c.ref
      limit ${input.limit} offset ${offset}`.execute(db);
    return { rows: found.rows, complete: true };
  }
  const words = await wordHits(db, terms);
  const found = await sql<Row>`with hits (ref, score, line) as (${hitsOf(terms, words)}),
    matched as (
      select ref, max(score) + sum(score) / 1000 as score,
        (array_agg(line order by score desc) filter (where line is not null))[1] as line
      from hits where ref is not null group by ref
    )
    select ${columns}, t.text as line, count(*) over () as total
    from matched m join cases c on c.ref = m.ref
      left join customers cu on cu.id = c.customer_id
      left join transcript_entries t on t.id = m.line
    where ${where}
    order by m.score desc, c.created_at desc, c.ref
    limit ${input.limit} offset ${offset}`.execute(db);
  return { rows: found.rows, complete: words.complete };
}

export async function searchCases(
  db: RecordDb,
  input: CaseSearchInput,
  viewer: Viewer,
  options: { region: string; now: Date },
): Promise<CaseSearchResult> {
  const terms = input.q?.trim() ? searchTerms(input.q, options.region) : null;
  const offset = decodeCursor(input.cursor);
  const { rows, complete } = await rowsFor(db, input, viewer, terms, options.now, offset);
  const count = rows.length > 0 ? Number(rows[0]!.total) : 0;
  const words = terms ? highlightWords(terms) : [];
  return {
    count,
    exact: complete,
    cases: rows.map((row) => ({
      ref: row.ref,
      status: row.status,
      team: row.team,
      owner: row.owner,
      channel: row.channel,
      priority: row.priority,
      customer: { id: row.customer_id, name: row.name, phone: row.phone },
      product: row.product,
      serial: row.serial,
      decision: row.decision,
      summary: row.summary,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      snippet: snippetOf(row.line ?? row.summary, words),
    })),
    next: offset + rows.length < count ? encodeCursor(offset + rows.length) : null,
  };
}
