/**
 * A year of the record for the search and KPI bench, written by PostgreSQL itself (generate_series):
 * 50,000 customers with a phone each (every fifth an email too, every third a name), 100,000 cases
 * across the year with what the KPIs read (promises, response and resolution times, visits, records,
 * follow-up scores), and 2,000,000 transcript lines of 20 per case drawn from a few hundred Chinese and
 * English sentences whose words were segmented once, the way the recorder segments them (jieba).
 */
import { sql } from 'kysely';
import type { RecordDb } from '../src/db/connect.js';
import { indexWords } from '../src/db/words.js';

export const SEED = { customers: 50_000, cases: 100_000, linesPerCase: 20, year: 2026 } as const;

const PRODUCTS_ZH = ['打印机', '笔记本电脑', '显示器', '投影仪', '扫描仪', '复印机', '台式机', '服务器'];
const FAULTS_ZH = [
  '一直卡纸',
  '开不了机',
  '蓝屏',
  '屏幕闪烁',
  '没有声音',
  '连不上网络',
  '充不进电',
  '有异响',
];
const TAILS_ZH = ['，麻烦尽快处理', '，已经重启过了', '，昨天还好好的', '，型号是', '，在保修期内吗', ''];
const EN = [
  'The printer keeps jamming on every page',
  'My laptop will not power on since yesterday',
  'The screen flickers when I move the hinge',
  'Projector shows no signal from HDMI',
  'Scanner makes a grinding noise',
  'Battery does not charge above 50 percent',
  'Could you send an engineer this week',
  'Thank you, the problem is solved',
];
const MODELS = ['M1136', 'P1108', 'X1-Carbon', 'E14', 'U2720Q', 'EB-X05', 'DS-530', 'C3003'];

/** The sentences lines are drawn from: varied enough that a model number is rare and 卡纸 common. */
export function seedSentences(): string[] {
  const lines: string[] = [];
  for (const [p, product] of PRODUCTS_ZH.entries())
    for (const fault of FAULTS_ZH)
      for (const tail of TAILS_ZH)
        lines.push(`我的${product}${fault}${tail}${tail.includes('型号') ? MODELS[p] : ''}`);
  for (const line of EN) for (const model of MODELS) lines.push(`${line} (${model})`);
  return lines;
}

async function seedTemplates(db: RecordDb): Promise<number> {
  const sentences = seedSentences();
  await sql`create temporary table seed_lines (k int primary key, text text, search tsvector)`.execute(db);
  for (const [k, text] of sentences.entries()) {
    await sql`insert into seed_lines values (${k}, ${text},
      setweight(to_tsvector('simple', ${indexWords(text)}), 'A') || setweight(to_tsvector('english', ${text}), 'B'))`.execute(
      db,
    );
  }
  return sentences.length;
}

async function seedCustomers(db: RecordDb): Promise<void> {
  await sql`insert into customers (id, name, lang, created_at, updated_at, profile, version)
    select lpad(to_hex(i), 16, '0'),
      case when i % 3 = 0 then (array['张伟','王芳','李娜','刘洋','陈静','杨磊','赵敏','黄勇','周杰','吴霞'])[1 + i % 10] || i end,
      'zh', timestamptz '2026-01-01', timestamptz '2026-01-01',
      jsonb_build_object('id', lpad(to_hex(i), 16, '0'), 'identities', jsonb_build_array('phone:+86139' || lpad(i::text, 8, '0'))),
      1
    from generate_series(1, ${SEED.customers}) i`.execute(db);
  await sql`insert into identities (identity, customer_id, kind, address)
    select 'phone:+86139' || lpad(i::text, 8, '0'), lpad(to_hex(i), 16, '0'), 'phone', '+86139' || lpad(i::text, 8, '0')
    from generate_series(1, ${SEED.customers}) i
    union all
    select 'email:user' || i || '@example.cn', lpad(to_hex(i), 16, '0'), 'email', 'user' || i || '@example.cn'
    from generate_series(5, ${SEED.customers}, 5) i`.execute(db);
}

async function seedCases(db: RecordDb): Promise<void> {
  await sql`insert into cases (ref, customer_id, status, priority, team, owner, channel, lang, flow, summary,
      product, serial, contract_number, decision, escalations, satisfaction, created_at, updated_at,
      escalated_at, first_response_at, resolved_at, closed_at, data, version)
    select ref, customer, status, 'normal', team, owner, channel, 'zh', 'fault_report', summary, product, serial,
      contract, decision, 1, score, created, created + interval '3 hours', created + interval '5 minutes',
      created + response, case when finished then created + interval '3 hours' end,
      case when status = 'closed' then created + interval '2 days' end,
      jsonb_build_object('ref', ref, 'customerId', customer, 'status', status, 'team', team, 'owner', owner,
        'createdAt', iso(created), 'updatedAt', iso(created + interval '3 hours'), 'summary', summary,
        'slots', jsonb_build_object('product', product, 'serial', serial), 'escalations', 1,
        'handledBy', jsonb_build_array('agent' || (i % 40)),
        'promises', jsonb_build_array(jsonb_build_object('n', 1, 'kind', 'first_response', 'team', team,
          'madeAt', iso(created), 'due', iso(created + interval '1 hour'), 'warnAt', iso(created + interval '45 minutes'),
          'state', case when finished then (case when i % 9 = 0 then 'breached' else 'kept' end) else 'pending' end)),
        'sla', jsonb_build_object('escalatedAt', iso(created + interval '5 minutes'),
          'firstResponseAt', iso(created + response),
          'resolvedAt', case when finished then iso(created + interval '3 hours') end),
        'appointment', case when team = 'onsite' then jsonb_build_object('engineer', 'eng' || (i % 12),
          'window', jsonb_build_object('start', iso(created + interval '1 day'), 'end', iso(created + interval '1 day 3 hours')),
          'bookedAt', iso(created), 'arrivedAt', iso(created + interval '1 day' + (i % 240) * interval '1 minute')) end,
        'record', case when finished then jsonb_build_object('faultReported', summary, 'faultFound', '磨损', 'cause', '-',
          'actions', '更换', 'engineer', 'eng' || (i % 12), 'finishedAt', iso(created + interval '3 hours'),
          'mode', case when team = 'onsite' then 'onsite' else 'remote' end,
          'partsReplaced', jsonb_build_array(jsonb_build_object('part', '搓纸轮', 'coverage', 'paid', 'amount', 120, 'cost', 80 + i % 50)),
          'trips', case when team = 'onsite' then jsonb_build_array(jsonb_build_object('distanceKm', i % 60)) else '[]'::jsonb end,
          'budget', 100) end,
        'followUp', case when score is not null then jsonb_build_object('scheduledFor', iso(created + interval '3 days'), 'score', score) end,
        'conversations', '[]'::jsonb, 'flags', '[]'::jsonb),
      1
    from (
      select i, 'SR-B' || lpad(i::text, 7, '0') as ref, lpad(to_hex(1 + (i - 1) % ${SEED.customers}), 16, '0') as customer,
        (array['resolved','closed','closed','closed','assigned','escalated','waiting_customer','open'])[1 + i % 8] as status,
        (array['support','support','onsite','sales'])[1 + i % 4] as team,
        case when i % 8 = 4 then 'staff:agent' || (i % 40) when i % 8 in (5, 6) then 'queue' else 'bot' end as owner,
        (array['sms','email','chat','voice'])[1 + i % 4] as channel,
        (array['printer','laptop','monitor','projector'])[1 + i % 4] as product,
        'CN' || upper(substr(md5(i::text), 1, 8)) as serial,
        case when i % 50 = 0 then 'HT-' || lpad((i / 50)::text, 5, '0') end as contract,
        (array['free_repair','paid_repair','replace','contract_repair', null])[1 + i % 5] as decision,
        case when i % 3 = 0 then 1 + i % 5 end as score,
        i % 8 < 4 as finished,
        timestamptz '2026-01-01' + (i * interval '315 seconds') as created,
        (5 + i % 90) * interval '1 minute' as response,
        '报修 ' || (array['打印机卡纸','开不了机','蓝屏','屏幕闪烁'])[1 + i % 4] as summary
      from generate_series(1, ${SEED.cases}) i
    ) s`.execute(db);
}

async function seedTranscript(db: RecordDb, templates: number): Promise<void> {
  // In slices of 10,000 cases: one statement of 2,000,000 rows would hold every row in one transaction.
  for (let first = 1; first <= SEED.cases; first += 10_000) {
    await sql`insert into transcript_entries (customer_id, case_ref, conversation, at, position, n, kind, channel,
        author, text, line_hash, search)
      select lpad(to_hex(1 + (i - 1) % ${SEED.customers}), 16, '0'), 'SR-B' || lpad(i::text, 7, '0'), null,
        timestamptz '2026-01-01' + (i * interval '315 seconds') + j * interval '1 minute', 0, j,
        case when j % 2 = 0 then 'in' else 'out' end, 'sms', null, l.text, md5(i || '-' || j), l.search
      from generate_series(${first}::int, ${Math.min(first + 9_999, SEED.cases)}::int) i,
        generate_series(0, ${SEED.linesPerCase - 1}::int) j,
        seed_lines l
      where l.k = abs(hashint4(i * 31 + j)) % ${templates}::int`.execute(db);
  }
}

/** Seeds an empty record; returns how long it took in seconds. */
export async function seedYear(db: RecordDb, say: (line: string) => void): Promise<number> {
  const started = Date.now();
  await sql`create or replace function iso(t timestamptz) returns text language sql immutable as
    $$ select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`.execute(db);
  const templates = await db.connection().execute(async (one) => {
    const count = await seedTemplates(one);
    say('search: customers');
    await seedCustomers(one);
    say('search: 100,000 cases');
    await seedCases(one);
    say('search: 2,000,000 transcript lines');
    await seedTranscript(one, count);
    return count;
  });
  say(`search: ${templates} sentences; analysing`);
  await sql`analyze`.execute(db);
  return (Date.now() - started) / 1000;
}
