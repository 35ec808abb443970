import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, StaffHarness } from './harness.js';
import { staffHarness, waitFor } from './harness.js';

let h: StaffHarness;
let alice: Caller;
let bob: Caller;
let sam: Caller;
let phone = 300;

/** A support case claimed by alice. */
async function aliceCase(): Promise<string> {
  phone += 1;
  const ref = await h.escalate(`+86138000${String(phone).padStart(5, '0')}`, '转人工');
  const claimed = await alice.post('/api/staff/cases/next', { team: 'support' });
  expect(claimed.json().case.ref).toBe(ref);
  return ref;
}

const sentTo = (ref: string) => h.sent.filter((message) => message.caseRef === ref);

beforeAll(async () => {
  h = await staffHarness();
  alice = await h.addStaff('alice', 'agent', ['support']);
  bob = await h.addStaff('bob', 'agent', ['support']);
  sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
  await h.addStaff('gone', 'agent', ['support']);
  await h.accounts.setDisabled('gone', true);
  h.startOutbox();
});
afterAll(() => h.close());

describe('replies and notes', () => {
  it("a reply is accepted (202), reaches the customer's channel through the outbox and keeps the promise", async () => {
    const ref = await aliceCase();
    const response = await alice.post(`/api/staff/cases/${ref}/reply`, { text: '您好，我们正在处理。' });
    expect(response.statusCode).toBe(202);
    const { messageId } = response.json();
    expect(response.json()).toMatchObject({ ref, status: 'queued' });

    const message = await waitFor(() => h.sent.find((m) => m.id === messageId));
    expect(message).toMatchObject({
      channel: 'sms',
      text: '您好，我们正在处理。',
      author: 'staff:alice',
      caseRef: ref,
    });
    expect(message.to).toMatch(/^\+86138000/);

    const kase = (await h.runtime.cases.get(ref))!;
    expect(kase.promises[0]).toMatchObject({ state: 'kept' });
    expect(kase.sla.firstResponseAt).toBe(h.runtime.clock.now().toISOString());
    const detail = await waitFor(async () => {
      const body = (await alice.get(`/api/staff/cases/${ref}`)).json();
      const out = body.transcript.find(
        (e: { meta?: { messageId?: string } }) => e.meta?.messageId === messageId,
      );
      return out?.meta?.delivery === 'sent' ? body : undefined;
    });
    expect(detail.deadline).toBeNull();
  });

  it('the same Idempotency-Key sends one message, once', async () => {
    const ref = await aliceCase();
    const headers = { 'idempotency-key': 'retry-me' };
    const first = await alice.post(`/api/staff/cases/${ref}/reply`, { text: 'once' }, headers);
    const second = await alice.post(`/api/staff/cases/${ref}/reply`, { text: 'once' }, headers);
    expect(second.json().messageId).toBe(first.json().messageId);
    const kase = (await h.runtime.cases.get(ref))!;
    const outs = (await h.runtime.cases.transcript(kase)).filter(
      (e) => e.kind === 'out' && e.text === 'once',
    );
    expect(outs).toHaveLength(1);
    await waitFor(() => sentTo(ref).some((m) => m.text === 'once'));
    expect(sentTo(ref).filter((m) => m.text === 'once')).toHaveLength(1);
  });
});

describe('replies and notes: who may write', () => {
  it('403 for a reply to a case someone else owns, or nobody has claimed', async () => {
    const ref = await aliceCase();
    const response = await bob.post(`/api/staff/cases/${ref}/reply`, { text: 'hi' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toEqual({
      code: 'SUPPORT_ERR_CASE_NOT_OWNER',
      message: `case ${ref} is owned by alice`,
    });
    const unclaimed = await h.escalate('+8613800000399', '转人工');
    const early = await bob.post(`/api/staff/cases/${unclaimed}/reply`, { text: 'hi' });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('SUPPORT_ERR_CASE_NOT_OWNER');
    // A supervisor may answer any case.
    expect(
      (await sam.post(`/api/staff/cases/${unclaimed}/reply`, { text: 'supervisor here' })).statusCode,
    ).toBe(202);
    // Take it off the support queue so later tests claim their own cases.
    expect((await sam.post('/api/staff/cases/next', { team: 'support' })).json().case.ref).toBe(unclaimed);
  });

  it('a teammate who does not own the case may add a note: recorded with its author, never sent', async () => {
    const ref = await aliceCase();
    const note = await bob.post(`/api/staff/cases/${ref}/notes`, {
      text: 'INTERNAL: customer is a reseller',
    });
    expect(note.statusCode).toBe(201);
    expect((await alice.post(`/api/staff/cases/${ref}/reply`, { text: 'after the note' })).statusCode).toBe(
      202,
    );
    await waitFor(() => sentTo(ref).some((m) => m.text === 'after the note'));

    const jobs = await h.runtime.queues.outbox.getJobs([
      'completed',
      'waiting',
      'active',
      'delayed',
      'failed',
    ]);
    expect(jobs.filter((job) => job?.data.text.includes('INTERNAL'))).toEqual([]);
    expect(h.sent.filter((m) => m.text.includes('INTERNAL'))).toEqual([]);
    const transcript = (await alice.get(`/api/staff/cases/${ref}`)).json().transcript;
    expect(transcript).toContainEqual(
      expect.objectContaining({ kind: 'note', author: 'bob', text: 'INTERNAL: customer is a reseller' }),
    );
  });
});

describe('on-site visits and resolution', () => {
  it('dispatch tells the customer the window and books the reminder; late tells them the new time', async () => {
    const ref = await aliceCase();
    const window = { start: '2026-11-28T09:00:00+08:00', end: '2026-11-28T12:00:00+08:00' };
    const booked = await alice.post(`/api/staff/cases/${ref}/dispatch`, { engineer: '王工', window });
    expect(booked.statusCode).toBe(200);
    expect(booked.json().case).toMatchObject({ ref, owner: 'staff:alice' });
    const told = await waitFor(() => sentTo(ref).find((m) => m.text.includes('王工')));
    expect(told.text).toContain(ref);
    expect(told.text).toContain('09:00');
    const reminder = await h.runtime.queues.timers.getJob(`${ref}-reminder-${Date.parse(window.start)}`);
    expect(reminder?.data).toMatchObject({ kind: 'reminder', ref });
    expect((await h.runtime.cases.get(ref))?.appointment).toMatchObject({ engineer: '王工', window });

    const late = await alice.post(`/api/staff/cases/${ref}/late`, { eta: '2026-11-28T12:30:00+08:00' });
    expect(late.statusCode).toBe(200);
    const lateMessage = await waitFor(() => sentTo(ref).find((m) => m.text.includes('12:30')));
    expect(lateMessage.text).toContain(ref);
  });

  it('late without an appointment is refused with 400', async () => {
    const ref = await aliceCase();
    const response = await alice.post(`/api/staff/cases/${ref}/late`, { eta: '2026-11-28T12:30:00+08:00' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('no appointment');
  });

  it('resolve sends the maintenance record to confirm and schedules the follow-up; a second resolve is 409', async () => {
    const ref = await aliceCase();
    const record = {
      faultReported: '打印机卡纸',
      faultFound: '搓纸轮磨损',
      cause: '正常磨损',
      actions: '更换搓纸轮并清洁纸道',
      partsReplaced: [{ part: '搓纸轮', coverage: 'warranty' }],
      engineer: '王工',
      arrivedAt: '2026-11-26T10:30:00+08:00',
      finishedAt: '2026-11-26T11:15:00+08:00',
      mode: 'onsite',
    };
    const response = await alice.post(`/api/staff/cases/${ref}/resolve`, { record });
    expect(response.statusCode).toBe(200);
    expect(response.json().case).toMatchObject({ status: 'resolved' });
    const summary = await waitFor(() => sentTo(ref).find((m) => m.text.includes('搓纸轮磨损')));
    expect(summary.text).toContain('维护记录单');
    const kase = (await h.runtime.cases.get(ref))!;
    expect(kase.record).toMatchObject({ faultFound: '搓纸轮磨损', mode: 'onsite' });
    expect(kase.followUp?.scheduledFor).toBeDefined();
    const followups = await h.runtime.queues.timers.getJobs(['delayed']);
    expect(followups.some((job) => job?.data.kind === 'followup' && job.data.ref === ref)).toBe(true);

    const again = await alice.post(`/api/staff/cases/${ref}/resolve`, { record });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SUPPORT_ERR_CASE_TRANSITION');
  });
});

describe('release and reassign', () => {
  it('release puts the case back in the queue with the same promise', async () => {
    const ref = await aliceCase();
    const due = (await h.runtime.cases.get(ref))!.promises[0]!.due;
    expect((await bob.post(`/api/staff/cases/${ref}/release`)).statusCode).toBe(403);
    const released = await alice.post(`/api/staff/cases/${ref}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json().case).toMatchObject({ status: 'escalated', owner: 'queue', deadline: due });
    const queue = (await bob.get('/api/staff/queue')).json();
    expect(queue.waiting.map((w: { ref: string }) => w.ref)).toEqual([ref]);
    const claimed = await bob.post('/api/staff/cases/next');
    expect(claimed.json().case).toMatchObject({ ref, owner: 'staff:bob' });
  });

  it('a supervisor reassigns to a person (who is notified) or refuses unknown and disabled staff', async () => {
    const ref = await aliceCase();
    const moved = await sam.post(`/api/staff/cases/${ref}/reassign`, { to: { staff: 'bob' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().case).toMatchObject({ owner: 'staff:bob', status: 'assigned' });
    const notes = (await bob.get('/api/staff/notifications')).json().items;
    expect(notes[0]).toMatchObject({ to: 'bob', ref, text: expect.stringContaining('sam') });
    expect((await alice.post(`/api/staff/cases/${ref}/reply`, { text: 'x' })).statusCode).toBe(403);
    expect((await bob.post(`/api/staff/cases/${ref}/reply`, { text: 'bob here' })).statusCode).toBe(202);

    const unknown = await sam.post(`/api/staff/cases/${ref}/reassign`, { to: { staff: 'nobody' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('SUPPORT_ERR_STAFF_NOT_FOUND');
    const disabled = await sam.post(`/api/staff/cases/${ref}/reassign`, { to: { staff: 'gone' } });
    expect(disabled.statusCode).toBe(409);
    expect(disabled.json().error.code).toBe('SUPPORT_ERR_STAFF_DISABLED');
  });
});

describe('notifications', () => {
  it("a deadline warning for a waiting case reaches the team's staff", async () => {
    h.runtime.clock.advance(60_000);
    const ref = await h.escalate('+8613800000398', '转人工');
    const customerId = (await h.runtime.cases.customerOf(ref))!;
    await h.runtime.desk.command(
      customerId,
      'deadline.warn',
      { ref, customerId, n: 1, stage: 'warn' },
      { id: `job-${ref}-p1-warn`, caseRef: ref },
    );
    const items = (await bob.get('/api/staff/notifications?limit=5')).json().items;
    expect(items[0]).toMatchObject({ to: 'team:support', ref, text: expect.stringContaining('deadline') });
    expect((await sam.post('/api/staff/cases/next', { team: 'support' })).json().case.ref).toBe(ref);
  });
});

describe('bad input', () => {
  it('404 for an unknown case on every route', async () => {
    const get = await alice.get('/api/staff/cases/SR-2611-9999');
    expect(get.statusCode).toBe(404);
    expect(get.json().error).toEqual({ code: 'SUPPORT_ERR_CASE_NOT_FOUND', message: 'no case SR-2611-9999' });
    for (const action of ['reply', 'notes']) {
      const response = await alice.post(`/api/staff/cases/SR-2611-9999/${action}`, { text: 'x' });
      expect(response.statusCode).toBe(404);
    }
    expect((await alice.post('/api/staff/cases/SR-2611-9999/release')).statusCode).toBe(404);
  });

  it('400 names the field that is wrong', async () => {
    const ref = await aliceCase();
    const cases: Array<[string, unknown, string]> = [
      ['reply', {}, 'text'],
      ['reply', { text: '   ' }, 'text: must not be empty'],
      ['notes', { text: 42 }, 'text'],
      [
        'dispatch',
        { engineer: 'x', window: { start: 'tomorrow', end: '2026-11-28T12:00:00+08:00' } },
        'window.start',
      ],
      [
        'dispatch',
        { engineer: 'x', window: { start: '2026-11-28T12:00:00+08:00', end: '2026-11-28T09:00:00+08:00' } },
        'window.end',
      ],
      ['late', { eta: '12:30' }, 'eta'],
      ['resolve', { record: { faultReported: 'x' } }, 'record.faultFound'],
      [
        'resolve',
        {
          record: {
            faultReported: 'a',
            faultFound: 'b',
            cause: 'c',
            actions: 'd',
            partsReplaced: [{ part: 'p', coverage: 'free' }],
            engineer: 'e',
            finishedAt: '2026-11-26T11:15:00+08:00',
            mode: 'remote',
          },
        },
        'record.partsReplaced.0.coverage',
      ],
    ];
    for (const [action, body, field] of cases) {
      const response = await alice.post(`/api/staff/cases/${ref}/${action}`, body);
      expect(response.statusCode, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(response.json().error.code).toBe('SUPPORT_ERR_VALIDATION');
      expect(response.json().error.message).toContain(field);
    }
    const reassign = await sam.post(`/api/staff/cases/${ref}/reassign`, {
      to: { staff: 'bob', team: 'onsite' },
    });
    expect(reassign.statusCode).toBe(400);
    expect(reassign.json().error.message).toContain('to:');
    const badJson = await h.app.inject({
      method: 'POST',
      url: `/api/staff/cases/${ref}/reply`,
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      payload: '{"text":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('SUPPORT_ERR_VALIDATION');
    const badTeam = await alice.get('/api/staff/queue?team=Not%20A%20Team');
    expect(badTeam.statusCode).toBe(400);
    expect(badTeam.json().error.message).toContain('team');
  });
});
