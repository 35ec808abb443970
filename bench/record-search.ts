/**
 * Finding cases and the KPI page over a year of the record (part of `npm run bench`, or
 * BENCH_PARTS=search): 100,000 cases with 2,000,000 transcript lines seeded by PostgreSQL itself
 * (bench/record-seed.ts) in a private PostgreSQL, then
 * - search: a mix of what staff type — references, phone numbers in several spellings, emails, names,
 *   serial numbers, contract numbers, a rare word (a model number), a common Chinese word (卡纸) — as a
 *   supervisor and as an agent, through the same code as `GET /api/staff/cases`; p50 / p95 / max, and
 *   the common words on their own;
 * - the KPI page over the whole year: the record's read plus the KPI computation and the weekly series,
 *   as the console does it.
 * Targets: search p95 ≤ 100 ms; a year's KPIs ≤ 1 s.
 */

import type { Case } from '../src/cases/types.js';
import type { RecordDb } from '../src/db/connect.js';
import { silentLogger } from '../src/logger.js';
import { kpiCasesBetween } from '../src/record/kpi-cases.js';
import { openRecord } from '../src/record/open.js';
import { searchCases, type Viewer } from '../src/record/search.js';
import { kpiSeries } from '../src/staff/kpi-series.js';
import { computeKpis } from '../src/staff/kpis.js';
import { PrivatePostgres } from '../test/support/private-postgres.js';
import { SEED, seedYear } from './record-seed.js';
import { freePort } from './support.js';

export interface SearchFigures {
  rows: Array<[string, string, string]>;
}

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞'];
const SUPERVISOR: Viewer = { name: 'sam', role: 'supervisor', teams: [] };
const AGENT: Viewer = { name: 'agent7', role: 'agent', teams: ['support'] };

function queries(): Array<{ kind: string; q: string }> {
  const list: Array<{ kind: string; q: string }> = [];
  const pick = (n: number, scale: number) => 1 + ((n * 7919) % scale);
  for (let n = 0; n < 20; n++) {
    const i = pick(n, SEED.cases);
    list.push({ kind: 'reference', q: `sr-b${String(i).padStart(7, '0')}` });
    const c = pick(n + 100, SEED.customers);
    const digits = String(c).padStart(8, '0');
    list.push({
      kind: 'phone',
      q: n % 2 ? `139 ${digits.slice(0, 4)} ${digits.slice(4)}` : `+86 139-${digits}`,
    });
    list.push({ kind: 'email', q: `User${5 * pick(n + 200, SEED.customers / 5)}@Example.cn` });
    list.push({ kind: 'contract', q: `HT-${String(pick(n + 300, SEED.cases / 50)).padStart(5, '0')}` });
  }
  for (let n = 0; n < 10; n++) {
    const customer = 3 * pick(n + 400, Math.floor(SEED.customers / 3));
    // As the seed names them: one of ten names, then the customer's number.
    list.push({ kind: 'name', q: `${NAMES[customer % 10]}${customer}` });
    list.push({ kind: 'rare word', q: ['M1136', 'X1-Carbon', 'U2720Q', 'EB-X05', 'DS-530'][n % 5]! });
    list.push({ kind: 'common word', q: ['卡纸', '开不了机', '蓝屏', 'flickers', '打印机'][n % 5]! });
  }
  for (let n = 0; n < 20; n++) {
    const i = pick(n + 500, SEED.cases);
    // The serial of case i, as the seed wrote it: md5 of its number.
    list.push({ kind: 'serial', q: `serial:${i}` });
  }
  return list;
}

const quantile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (value: number) => value.toFixed(1);

/** The KPI page over the whole year, three times: the record's read, the KPIs and the weekly series. */
async function kpiPage(db: RecordDb): Promise<{ kpiMs: number[]; count: number }> {
  const kpiMs: number[] = [];
  let count = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const from = new Date('2026-01-01T00:00:00+08:00');
    const to = new Date('2026-12-31T23:59:59+08:00');
    const cases = (await kpiCasesBetween(db, from, to)) as unknown as Case[];
    computeKpis(cases, { from, to, onTimeDays: 7, timezone: 'Asia/Shanghai' });
    kpiSeries(cases, { from, to, bucket: 'week', scope: null, timezone: 'Asia/Shanghai' });
    kpiMs.push(performance.now() - started);
    count = cases.length;
  }
  return { kpiMs, count };
}

interface Timing {
  kind: string;
  ms: number;
  found: number;
  agent: boolean;
}

/** Every query twice, as a supervisor or an agent: the first round warms the caches, the second counts. */
async function timeQueries(db: RecordDb): Promise<Timing[]> {
  const serials = new Map<string, string>();
  const all = queries();
  for (const query of all.filter((one) => one.kind === 'serial')) {
    const i = Number(query.q.slice('serial:'.length));
    const ref = `SR-B${String(i).padStart(7, '0')}`;
    const row = await db.selectFrom('cases').select('serial').where('ref', '=', ref).executeTakeFirst();
    serials.set(query.q, row!.serial!);
  }
  const timings: Timing[] = [];
  for (const round of [0, 1]) {
    for (const [n, query] of all.entries()) {
      const q = serials.get(query.q) ?? query.q;
      const viewer = n % 3 === 0 ? AGENT : SUPERVISOR;
      const started = performance.now();
      const found = await searchCases(db, { q, limit: 20 }, viewer, {
        region: 'CN',
        now: new Date('2026-12-31T00:00:00Z'),
      });
      if (round === 1) {
        const ms = performance.now() - started;
        timings.push({ kind: query.kind, ms, found: found.count, agent: viewer === AGENT });
      }
    }
  }
  return timings;
}

export async function searchBench(say: (line: string) => void): Promise<SearchFigures> {
  const postgres = new PrivatePostgres(await freePort());
  await postgres.start();
  const record = openRecord({ url: postgres.url, description: 'bench' }, { logger: silentLogger });
  try {
    await record.ready;
    const seeded = await seedYear(record.db, say);
    say(`search: seeded in ${seeded.toFixed(0)} s`);
    const timings = await timeQueries(record.db);
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    const common = timings
      .filter((t) => t.kind === 'common word')
      .map((t) => t.ms)
      .sort((a, b) => a - b);
    const specific = timings
      .filter((t) => t.kind !== 'common word')
      .map((t) => t.ms)
      .sort((a, b) => a - b);
    // An agent sees only their team's cases: a query for another team's case rightly finds nothing.
    const missed = timings.filter((t) => t.found === 0 && !t.agent).map((t) => t.kind);
    say(
      `search: ${timings.length} queries, p95 ${ms(quantile(sorted, 0.95))} ms; none found for: ${missed.join(', ') || 'none'}`,
    );

    const { kpiMs, count } = await kpiPage(record.readDb);
    say(`search: KPI page over a year (${count} cases): ${kpiMs.map(ms).join(' / ')} ms`);
    const byKind = [...new Set(timings.map((t) => t.kind))].map((kind) => {
      const own = timings
        .filter((t) => t.kind === kind)
        .map((t) => t.ms)
        .sort((a, b) => a - b);
      return `${kind} ${ms(quantile(own, 0.5))}`;
    });
    return {
      rows: [
        [
          'seeded: cases / transcript lines / seconds',
          `${SEED.cases} / ${SEED.cases * SEED.linesPerCase} / ${seeded.toFixed(0)}`,
          '',
        ],
        [
          'search p50 / p95 / max ms (all queries)',
          `${ms(quantile(sorted, 0.5))} / ${ms(quantile(sorted, 0.95))} / ${ms(sorted.at(-1)!)}`,
          'p95 ≤ 100',
        ],
        [
          'search p95 ms: specific (ref, phone, email, name, serial, contract, rare word) / common words',
          `${ms(quantile(specific, 0.95))} / ${ms(quantile(common, 0.95))}`,
          '',
        ],
        ['search median ms by kind', byKind.join('; '), ''],
        [
          'KPI page over a year (read + KPIs + weekly series) ms, 3 runs',
          kpiMs.map(ms).join(' / '),
          '≤ 1,000',
        ],
      ],
    };
  } finally {
    await record.close();
    await postgres.close();
  }
}
