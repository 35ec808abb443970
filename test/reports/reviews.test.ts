/**
 * The weekly service-quality review over seeded record data: each staff member's sample of the cases
 * they handled that week, the automatic flags (a reply after the promised time, no customer name,
 * words from the list), scores 1–5 saved by a supervisor and counted in the KPIs per person; agents 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/types.js';
import { nameForms, reviewFlags } from '../../src/reports/review-flags.js';
import type { Caller } from '../staff/harness.js';
import { type ReportHarness, reportHarness } from './harness.js';
import { CUSTOMER, faultCase, seedCases, seedCustomer, seedReply } from './seed.js';

let h: ReportHarness;
let supervisor: Caller;
let agent: Caller;

const promise = (madeAt: string, due: string, state: 'pending' | 'kept' | 'breached') => ({
  n: 1,
  kind: 'first_response' as const,
  team: 'support',
  madeAt,
  due,
  warnAt: due,
  state,
});

function handled(ref: string, resolvedAt: string, handledBy: string[], extra: Partial<Case> = {}): Case {
  const kase = faultCase({ ref, customerId: CUSTOMER, product: 'laptop', createdAt: '2026-11-16T01:00:00Z' });
  return {
    ...kase,
    status: 'resolved',
    handledBy,
    sla: { resolvedAt },
    closedAt: undefined as unknown as string,
    ...extra,
  };
}

const polite = handled('SR-2611-0101', '2026-11-17T06:00:00Z', ['alice'], {
  slots: { product: 'laptop', contact_name: '王建国' },
  promises: [promise('2026-11-17T01:00:00Z', '2026-11-17T03:00:00Z', 'kept')],
});
const rude = handled('SR-2611-0102', '2026-11-18T06:00:00Z', ['alice', 'bob'], {
  promises: [promise('2026-11-18T01:00:00Z', '2026-11-18T02:00:00Z', 'breached')],
});

beforeAll(async () => {
  h = await reportHarness({ now: '2026-11-26T10:00:00+08:00' });
  supervisor = await h.addStaff('sup', 'supervisor', []);
  agent = await h.addStaff('alice', 'agent', ['support']);
  await seedCustomer(h.record.db, CUSTOMER, '李雷');
  await seedCases(h.record.db, [
    polite,
    rude,
    handled('SR-2611-0103', '2026-11-19T06:00:00Z', ['alice']),
    handled('SR-2611-0104', '2026-11-20T06:00:00Z', ['alice']),
    handled('SR-2611-0105', '2026-11-21T06:00:00Z', ['bob']),
    // Finished the week after: not in week 47's sample.
    handled('SR-2611-0106', '2026-11-24T06:00:00Z', ['alice']),
  ]);
  await seedReply(h.record.db, polite, 'alice', '2026-11-17T02:00:00Z', '王先生您好，工程师明天上午上门。');
  await seedReply(h.record.db, rude, 'alice', '2026-11-18T04:00:00Z', '这个我也不知道，你重启试试。');
});
afterAll(async () => h.close());

describe('the weekly review sample', () => {
  it('is for supervisors', async () => {
    expect((await agent.get('/api/staff/reviews/sample?week=2026-W47')).statusCode).toBe(403);
    expect((await agent.post('/api/staff/reviews', {})).statusCode).toBe(403);
    expect((await agent.get('/api/staff/reviews/scores')).statusCode).toBe(403);
  });

  it('samples each person’s handled cases of the week, the same every time, with flags', async () => {
    const first = (await supervisor.get('/api/staff/reviews/sample?week=2026-W47')).json();
    expect(first.week).toBe('2026-W47');
    const alice = first.cases.filter((c: { staff: string }) => c.staff === 'alice');
    const bob = first.cases.filter((c: { staff: string }) => c.staff === 'bob');
    expect(alice).toHaveLength(3);
    expect(bob.map((c: { ref: string }) => c.ref).sort()).toEqual(['SR-2611-0102', 'SR-2611-0105']);
    const again = (await supervisor.get('/api/staff/reviews/sample?week=2026-W47')).json();
    expect(again.cases).toEqual(first.cases);
    // Last week by default: the clock says 26 November, week 48.
    expect((await supervisor.get('/api/staff/reviews/sample')).json().week).toBe('2026-W47');

    const all = (
      await supervisor.get('/api/staff/reviews/sample?week=2026-W47&perStaff=10&staff=alice')
    ).json();
    const flags = Object.fromEntries(
      all.cases.map((c: { ref: string; flags: string[] }) => [c.ref, c.flags]),
    );
    expect(flags['SR-2611-0101']).toEqual([]);
    expect(flags['SR-2611-0102']).toEqual(['late_reply', 'no_name', 'word:不知道']);
    expect(flags['SR-2611-0103']).toEqual([]);
    expect(Object.keys(flags)).not.toContain('SR-2611-0106');
    // Bob never replied on the late case: the late reply is not his.
    expect(bob.find((c: { ref: string }) => c.ref === 'SR-2611-0102').flags).toEqual([]);
  });

  it('keeps a supervisor’s scores and counts them in the KPIs per person', async () => {
    const scored = await supervisor.post('/api/staff/reviews', {
      ref: 'SR-2611-0102',
      staff: 'alice',
      greeting: 2,
      promise: 1,
      solution: 2,
      record: 4,
      note: '没有称呼客户，回复超时',
    });
    expect(scored.statusCode).toBe(200);
    expect(scored.json().review).toMatchObject({
      flags: ['late_reply', 'no_name', 'word:不知道'],
      review: { greeting: 2, promise: 1, reviewer: 'sup', note: '没有称呼客户，回复超时' },
    });
    await supervisor.post('/api/staff/reviews', {
      ref: 'SR-2611-0101',
      staff: 'alice',
      greeting: 5,
      promise: 5,
      solution: 4,
      record: 4,
    });
    const scores = (await supervisor.get('/api/staff/reviews/scores?from=2026-11-01')).json();
    expect(scores.byStaff.alice).toEqual({
      staff: 'alice',
      reviews: 2,
      greeting: 3.5,
      promise: 3,
      solution: 3,
      record: 4,
      average: 3.38,
      flagged: 1,
    });
    const kpis = (await supervisor.get('/api/staff/kpis')).json();
    expect(kpis.reviews.alice.reviews).toBe(2);
    const sample = (
      await supervisor.get('/api/staff/reviews/sample?week=2026-W47&staff=alice&perStaff=10')
    ).json();
    expect(sample.cases.find((c: { ref: string }) => c.ref === 'SR-2611-0101').review.greeting).toBe(5);
  });

  it('refuses scores outside 1–5 and someone who did not handle the case', async () => {
    const base = { ref: 'SR-2611-0101', staff: 'alice', greeting: 3, promise: 3, solution: 3, record: 3 };
    expect((await supervisor.post('/api/staff/reviews', { ...base, greeting: 6 })).statusCode).toBe(400);
    expect((await supervisor.post('/api/staff/reviews', { ...base, staff: 'bob' })).statusCode).toBe(400);
    expect((await supervisor.post('/api/staff/reviews', { ...base, ref: 'SR-0000-0000' })).statusCode).toBe(
      404,
    );
    expect((await supervisor.get('/api/staff/reviews/sample?week=48')).statusCode).toBe(400);
  });
});

describe('the review page in the console', () => {
  it('shows the sample with its flags and saves scores from the form; agents are refused', async () => {
    const pass = await h.addAccount('sara', 'supervisor', ['supervisor']);
    const sara = await h.signIn('sara', pass);
    const page = await sara.get('/console/reviews?week=2026-W47&staff=alice');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Handled by: alice');
    expect(page.body).toContain('reply after the promised time');
    expect(page.body).toContain('word from the list: “不知道”');
    const saved = await sara.post('/console/reviews', {
      week: '2026-W47',
      ref: 'SR-2611-0103',
      staff: 'alice',
      greeting: '4',
      promise: '4',
      solution: '5',
      record: '3',
      note: '',
    });
    expect(saved.statusCode).toBe(303);
    const after = await sara.get(saved.headers.location as string, { 'accept-language': 'zh-CN' });
    expect(after.body).toContain('评分已保存。');
    expect(after.body).toContain('未称呼客户姓名');
    const stored = await h.record.db
      .selectFrom('quality_reviews')
      .selectAll()
      .where('case_ref', '=', 'SR-2611-0103')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ staff: 'alice', reviewer: 'sara', solution: 5, note: null });
    const agentPass = await h.addAccount('li', 'agent', ['support']);
    const li = await h.signIn('li', agentPass);
    expect((await li.get('/console/reviews')).statusCode).toBe(403);
  });
});

describe('the flags, case by case', () => {
  const kase = handled('SR-X', '2026-11-17T06:00:00Z', ['amy']);
  it('find the customer by name or by surname and title, in Chinese and English', () => {
    expect(nameForms('王建国')).toContain('王先生');
    expect(
      reviewFlags(kase, [{ at: '2026-11-17T02:00:00Z', text: 'Dear Ms Smith, fixed.' }], 'Anna Smith', []),
    ).toEqual([]);
    expect(reviewFlags(kase, [{ at: '2026-11-17T02:00:00Z', text: 'Fixed.' }], 'Anna Smith', [])).toEqual([
      'no_name',
    ]);
    expect(
      reviewFlags(kase, [{ at: '2026-11-17T02:00:00Z', text: 'Whatever, fixed.' }], null, ['whatever']),
    ).toEqual(['word:whatever']);
  });
});
