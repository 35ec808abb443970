import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdFor, identityOf } from '../../src/conversation/keys.js';
import type { InboundMessage } from '../../src/port/messages.js';
import { type Caller, type StaffHarness, staffHarness, waitFor } from '../staff/harness.js';

let h: StaffHarness;
let alice: Caller;
let wang: Caller;
let sam: Caller;
let seq = 0;
const PHONE = '+8613800138201';

async function say(text: string) {
  seq += 1;
  const message: InboundMessage = {
    channel: 'sms',
    providerMessageId: `visits-${seq}`,
    from: PHONE,
    text,
    receivedAt: h.runtime.clock.now(),
    inline: true,
  };
  const result = await h.runtime.desk.receive(message);
  return { ...result, text: result.replies.map((reply) => reply.text).join('\n') };
}

const notesFor = async (caller: Caller) =>
  (await caller.get('/api/staff/notifications')).json().items as Array<{
    ref: string;
    text: string;
    to: string;
  }>;

let visitRef = '';

beforeAll(async () => {
  h = await staffHarness();
  alice = await h.addStaff('alice', 'agent', ['support']);
  wang = await h.addStaff('wang', 'engineer', ['onsite']);
  sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
  h.startOutbox();
});
afterAll(() => h.close());

describe('a preventive visit: booking, the visit list, moving it', () => {
  it('the bot asks the customer to book ahead of a planned visit, on their own channel', async () => {
    const created = await alice.post('/api/staff/contracts', {
      number: 'HT-2026-0201',
      customer: { name: '张江数据中心', phone: PHONE },
      site: { category: 'server', quantity: 4 },
      start: '2026-10-05',
      end: '2027-10-04',
      level: 'onsite',
      responseHours: 4,
      visits: { everyMonths: 1 },
      engineer: 'wang',
    });
    expect(created.json().contract.plannedVisits.slice(0, 2)).toEqual(['2026-11-05', '2026-12-05']);
    // 2026-12-05 is 9 days away, closer than the 14 days' notice: the invitation goes at once.
    const invite = await waitFor(() => h.sent.find((message) => message.to === PHONE));
    expect(invite.channel).toBe('sms');
    expect(invite.text).toContain('按服务合同 HT-2026-0201');
    expect(invite.text).toContain('2026年12月5日');
    visitRef = invite.caseRef!;
    const kase = (await h.runtime.cases.get(visitRef))!;
    expect(kase.visit).toEqual({ contract: 'HT-2026-0201', due: '2026-12-05' });
    expect(kase.status).toBe('waiting_customer');
    // The next planned visit is scheduled too.
    const next = await h.runtime.queues.timers.getJob('HT-2026-0201-visit_invite-HT-2026-0201-2027-01-05');
    expect(next?.data).toMatchObject({ kind: 'visit_invite', customerId: kase.customerId });

    await say('下周二上午');
    await say('上海市浦东新区张江路200号');
    const booked = await say('陈经理');
    expect(booked.text).toContain('上门调度会与您确认具体时间');
    expect(booked.case).toMatchObject({
      ref: visitRef,
      status: 'escalated',
      team: 'onsite',
      priority: 'low',
    });
  });

  it('staff see it among upcoming visits per team and engineer, waiting for a window, then booked', async () => {
    const waiting = (await wang.get('/api/staff/visits?team=onsite')).json();
    expect(waiting.visits.find((visit: { ref: string }) => visit.ref === visitRef)).toMatchObject({
      date: '2026-12-05',
      state: 'booking',
      kind: 'inspection',
      contract: 'HT-2026-0201',
    });
    const window = { start: '2026-12-01T09:00:00+08:00', end: '2026-12-01T12:00:00+08:00' };
    expect(
      (await sam.post(`/api/staff/cases/${visitRef}/dispatch`, { engineer: 'wang', window })).statusCode,
    ).toBe(200);
    const upcoming = (await wang.get('/api/staff/visits?engineer=wang&days=90')).json();
    expect(upcoming.visits[0]).toMatchObject({
      ref: visitRef,
      state: 'booked',
      engineer: 'wang',
      date: '2026-12-01',
    });
    expect(upcoming.visits.filter((visit: { state: string }) => visit.state === 'planned').length).toBe(2);
    expect(upcoming.byEngineer).toEqual({ wang: 3 });
    expect(upcoming.byTeam).toEqual({ onsite: 3 });
    // Someone outside the team and not the engineer sees none of it.
    expect((await alice.get('/api/staff/visits')).json().count).toBe(0);
  });

  it('the customer asks to move it: the engineer and the case see it at once', async () => {
    const moved = await say('那天不在，能改到周五下午吗');
    expect(moved.text).toContain('已收到您的改期请求');
    expect(moved.text).toContain('已通知工程师 wang');
    const kase = (await h.runtime.cases.get(visitRef))!;
    expect(kase.appointment?.change?.kind).toBe('move');
    expect(kase.appointment?.change?.text).toContain('能改到周五下午吗');
    expect(kase.flags).toContain('reschedule_requested');
    const notes = await notesFor(wang);
    expect(notes.find((note) => note.ref === visitRef)?.text).toContain('asks to move');
  });
});

describe('a preventive visit: the customer is not there', () => {
  it('the engineer finds nobody there: the case is flagged and the bot offers new windows; a number books one', async () => {
    h.runtime.clock.set('2026-12-01T10:30:00+08:00');
    const sentBefore = h.sent.length;
    const absent = await wang.post(`/api/staff/cases/${visitRef}/absent`, { note: '敲门无人应答' });
    expect(absent.statusCode).toBe(200);
    const offer = await waitFor(() =>
      h.sent.slice(sentBefore).find((message) => message.caseRef === visitRef),
    );
    expect(offer.text).toContain('没能见到您');
    expect(offer.text).toContain('1. 12月2日(周三) 09:00–12:00');
    expect(offer.text).toContain('2. 12月2日(周三) 14:00–17:00');
    expect(offer.text).toContain('3. 12月3日(周四) 09:00–12:00');
    const flagged = (await h.runtime.cases.get(visitRef))!;
    expect(flagged.flags).toContain('customer_absent');
    expect(flagged.appointment).toBeNull();
    expect(flagged.missedVisits).toHaveLength(1);

    const picked = await say('2');
    expect(picked.text).toContain('已为您改约');
    expect(picked.text).toContain('12月2日(周三) 14:00–17:00');
    const rebooked = (await h.runtime.cases.get(visitRef))!;
    expect(rebooked.appointment).toMatchObject({
      engineer: 'wang',
      window: { start: '2026-12-02T14:00:00+08:00' },
    });
    expect(rebooked.flags).toContain('customer_absent');
    const reminder = await h.runtime.queues.timers.getJob(
      `${visitRef}-reminder-${Date.parse('2026-12-02T14:00:00+08:00')}`,
    );
    expect(reminder).toBeTruthy();
    expect((await notesFor(wang)).some((note) => note.text.includes('rebooked the visit'))).toBe(true);
  });
});

describe('a preventive visit: the inspection record and the next visit', () => {
  it('an inspection record over its budget must say why; a finding opens a fault case at once', async () => {
    h.runtime.clock.set('2026-12-02T16:00:00+08:00');
    const record = {
      faultReported: '定期巡检',
      faultFound: '服务器运行正常；UPS 电池鼓包',
      cause: '电池老化',
      actions: '清洁风扇，更换导热硅脂',
      partsReplaced: [{ part: '风扇', coverage: 'contract', cost: 700 }],
      consumables: [{ item: '导热硅脂', cost: 150 }],
      trips: [{ vehicle: '沪A12345', distanceKm: 18 }],
      engineer: 'wang',
      arrivedAt: '2026-12-02T14:20:00+08:00',
      finishedAt: '2026-12-02T15:40:00+08:00',
      mode: 'onsite',
      kind: 'inspection',
      findings: [
        { text: '机房温度偏高', risk: false },
        { text: 'UPS 电池鼓包，有断电隐患', risk: true, openCase: true },
      ],
    };
    const over = await sam.post(`/api/staff/cases/${visitRef}/resolve`, { record });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain(
      'record.overBudgetReason: parts and consumables cost 850, 50 over the budget of 800',
    );

    const sentBefore = h.sent.length;
    const done = await sam.post(`/api/staff/cases/${visitRef}/resolve`, {
      record: { ...record, overBudgetReason: '风扇型号停产，换用高一档型号' },
    });
    expect(done.statusCode).toBe(200);
    const [faultRef] = done.json().faultCases as string[];
    const fault = (await h.runtime.cases.get(faultRef!))!;
    expect(fault).toMatchObject({ status: 'escalated', team: 'onsite', owner: 'queue' });
    expect(fault.escalationReason).toContain('UPS 电池鼓包');
    const visit = (await h.runtime.cases.get(visitRef))!;
    expect(visit.record).toMatchObject({ kind: 'inspection', budget: 800 });
    expect(visit.record?.findings?.[1]).toMatchObject({ risk: true, faultCase: faultRef });
    const told = await waitFor(() =>
      h.sent.slice(sentBefore).find((message) => message.caseRef === faultRef),
    );
    expect(told.text).toContain(`已为您开立维修工单 ${faultRef}`);

    const kpis = (
      await sam.get('/api/staff/kpis?from=2026-11-01T00:00:00%2B08:00&to=2026-12-31T00:00:00%2B08:00')
    ).json();
    expect(kpis.byEngineer.wang).toMatchObject({
      visits: { done: 1, onTime: 1, late: 0, onTimePercent: 100 },
      cost: {
        records: 1,
        total: 850,
        overBudget: [{ ref: visitRef, over: 50, reason: '风扇型号停产，换用高一档型号' }],
      },
      trips: { trips: 1, onsiteResolved: 1, perResolvedOnsiteCase: 1 },
    });
  });

  it('the next visit carries the mark of the customer who was absent', async () => {
    const customerId = customerIdFor(identityOf('sms', PHONE));
    const result = await h.runtime.desk.command<{ ref: string }>(
      customerId,
      'timer.visit_invite',
      { ref: 'HT-2026-0201', customerId, kind: 'visit_invite', key: 'HT-2026-0201-2027-01-05' },
      { id: 'test-next-visit', caseRef: 'HT-2026-0201' },
    );
    const next = (await h.runtime.cases.get(result.ref))!;
    expect(next.visit?.due).toBe('2027-01-05');
    expect(next.flags).toContain('absent_last_visit');
  });
});
