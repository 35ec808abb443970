/**
 * The cases whose conversation has the query's words, best line first. Two ways, because a GIN index
 * answers a rare word in a millisecond but must walk every posting of a common one (卡纸 in one line of
 * ten: 200,000 lines over a year, seconds):
 *
 * 1. The index, under a short statement timeout: every matching line, grouped by case, best rank first,
 *    at most MAX_CASES cases. Rare and moderately common words end here.
 * 2. When that runs out of time, or PostgreSQL's statistics already say every word is common: the newest lines are read backwards by id (the
 *    order they were recorded) until NEWEST_LINES of them match, which for a common word is a few
 *    thousand rows. The answer is then the newest matches, and the count a lower bound.
 *
 * PostgreSQL's own choice between the two is unreliable here: it estimates `a & b` as if the words
 * were independent, and a model number (`X1-Carbon` → x1 & carbon) is anything but.
 */
import { type RawBuilder, sql } from 'kysely';
import type { RecordDb } from '../db/connect.js';
import type { SearchTerms } from './search-terms.js';

export interface WordHit {
  ref: string;
  /** PostgreSQL's `ts_rank` of the case's best line. */
  rank: number;
  /** That line's id (for the snippet). */
  line: string;
}

export interface WordHits {
  hits: WordHit[];
  /** False when only the newest matches were read, or more cases matched than were kept. */
  complete: boolean;
}

const INDEX_BUDGET_MS = 50;
/** A word common enough to miss the index's budget but met only in old lines: give up, say so. */
const NEWEST_BUDGET_MS = 500;
const MAX_CASES = 1_000;
/** A word in at least this share of the lines is common (0.5 %: 10,000 lines of a year's 2,000,000). */
const COMMON_SHARE = 0.005;
const NEWEST_LINES = 200;
/** SQLSTATE of a statement cancelled by its timeout. */
const QUERY_CANCELED = '57014';

function query(terms: SearchTerms): RawBuilder<unknown> {
  return sql`(select plainto_tsquery('simple', ${terms.words}) || plainto_tsquery('english', ${terms.text}))`;
}

/** The case of a line: its own, or (before the case existed) the case that took over its conversation. */
const caseOfLine = sql`coalesce(t.case_ref, (select c2.ref from cases c2
  where c2.customer_id = t.customer_id and c2.data->'conversations' ? t.conversation
  order by c2.created_at limit 1))`;

async function throughIndex(db: RecordDb, terms: SearchTerms): Promise<WordHit[]> {
  return db.transaction().execute(async (trx) => {
    await sql.raw(`set local statement_timeout = ${INDEX_BUDGET_MS}`).execute(trx);
    const found =
      await sql<WordHit>`select ref, max(rank) as rank, (array_agg(id order by rank desc))[1]::text as line
      from (select ${caseOfLine} as ref, ts_rank(t.search, q.q) as rank, t.id
            from transcript_entries t, ${query(terms)} as q(q) where t.search @@ q.q) lines
      where ref is not null
      group by ref order by rank desc, ref desc limit ${MAX_CASES + 1}`.execute(trx);
    return found.rows;
  });
}

async function newestFirst(db: RecordDb, terms: SearchTerms): Promise<WordHit[]> {
  return db.transaction().execute(async (trx) => {
    // Backwards along the primary key, checking each line: the planner, misled by its estimate, would
    // otherwise go back to the word index that just ran out of time.
    await sql.raw(`set local statement_timeout = ${NEWEST_BUDGET_MS}`).execute(trx);
    await sql.raw('set local enable_bitmapscan = off').execute(trx);
    await sql.raw('set local enable_seqscan = off').execute(trx);
    const found = await sql<WordHit>`select ref, max(rank) as rank, max(id)::text as line
      from (select ${caseOfLine} as ref, ts_rank(t.search, q.q) as rank, t.id
            from transcript_entries t, ${query(terms)} as q(q) where t.search @@ q.q
            order by t.id desc limit ${NEWEST_LINES}) lines
      where ref is not null group by ref`.execute(trx);
    return found.rows;
  });
}

/**
 * Whether every word of the query is among the index's most common ones by PostgreSQL's own statistics
 * (`pg_stats.most_common_elems`, kept by ANALYZE): then the index would run out of time anyway.
 */
async function knownCommon(db: RecordDb, terms: SearchTerms): Promise<boolean> {
  const found = await sql<{ common: boolean | null }>`
    with words as (select unnest(tsvector_to_array(to_tsvector('simple', ${terms.words}))) as word),
      frequent as (
        select e.word, s.most_common_elem_freqs[e.i] as share
        from pg_stats s, unnest(s.most_common_elems::text::text[]) with ordinality e(word, i)
        where s.schemaname = current_schema() and s.tablename = 'transcript_entries' and s.attname = 'search')
    select count(*) > 0 and bool_and(coalesce(f.share, 0) >= ${COMMON_SHARE}) as common
    from words left join frequent f on f.word = words.word`.execute(db);
  return found.rows[0]?.common === true;
}

export async function wordHits(db: RecordDb, terms: SearchTerms): Promise<WordHits> {
  // A phone number or an email address is found by the customer's identities, not in what was said.
  if ((!terms.words && !terms.text) || terms.addresses.length > 0) return { hits: [], complete: true };
  try {
    if (await knownCommon(db, terms)) return { hits: await newestFirst(db, terms), complete: false };
    const hits = await throughIndex(db, terms);
    return { hits: hits.slice(0, MAX_CASES), complete: hits.length <= MAX_CASES };
  } catch (error) {
    if ((error as { code?: unknown }).code !== QUERY_CANCELED) throw error;
  }
  try {
    return { hits: await newestFirst(db, terms), complete: false };
  } catch (error) {
    if ((error as { code?: unknown }).code !== QUERY_CANCELED) throw error;
    return { hits: [], complete: false };
  }
}
