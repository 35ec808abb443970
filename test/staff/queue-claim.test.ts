import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, fireBreach, type StaffHarness, staffHarness } from './harness.js';

let h: StaffHarness;
let sam: Caller;
let sue: Caller;
let alice: Caller;

beforeAll(async () => {
  h = await staffHarness();
  sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
  sue = await h.addStaff('sue', 'supervisor', ['supervisor']);
  alice = await h.addStaff('alice', 'agent', ['support']);
});
afterAll(() => h.close());

const minute = 60_000;

describe('queue order', () => {
  it('shows and hands out cases by priority (urgent, high, normal), oldest first within one', async () => {
    // Oldest: a normal case, moved by a supervisor from the support queue to the supervisor queue.
    const normal = await h.escalate('+8613800000201', '转人工');
    const moved = await sam.post(`/api/staff/cases/${normal}/reassign`, { to: { team: 'supervisor' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().case).toMatchObject({ team: 'supervisor', priority: 'normal', owner: 'queue' });
    h.runtime.clock.advance(minute);
    const high1 = await h.escalate('+8613800000202', '我要投诉');
    h.runtime.clock.advance(minute);
    const high2 = await h.escalate('+8613800000203', '我要投诉');
    h.runtime.clock.advance(minute);
    // Youngest, but its deadline is breached: it comes back urgent.
    const urgent = await h.escalate('+8613800000204', '我要投诉');
    await fireBreach(h.runtime, urgent, 1);

    const queue = await sam.get('/api/staff/queue?team=supervisor');
    expect(queue.statusCode).toBe(200);
    const body = queue.json();
    expect(body.waiting.map((item: { ref: string }) => item.ref)).toEqual([urgent, high1, high2, normal]);
    expect(body.waiting.map((item: { priority: string }) => item.priority)).toEqual([
      'urgent',
      'high',
      'high',
      'normal',
    ]);
    expect(body.waiting[1]).toMatchObject({
      position: 2,
      reason: expect.any(String),
      waitingSince: expect.any(String),
      deadline: expect.any(String),
      channel: 'sms',
    });
    expect(Date.parse(body.waiting[1].waitingSince)).toBeLessThan(Date.parse(body.waiting[2].waitingSince));
    // The normal case left the support queue (its old job there is stale).
    expect((await alice.get('/api/staff/queue')).json().waiting).toEqual([]);

    const claimed: string[] = [];
    for (let n = 0; n < 4; n++) {
      const response = await sam.post('/api/staff/cases/next', {});
      expect(response.statusCode).toBe(200);
      expect(response.json().case).toMatchObject({ status: 'assigned', owner: 'staff:sam' });
      claimed.push(response.json().case.ref);
    }
    expect(claimed).toEqual([urgent, high1, high2, normal]);
    const none = await sam.post('/api/staff/cases/next');
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
  });
});

describe('claiming a case', () => {
  it('two staff claiming together never get the same case', async () => {
    const refs = [
      await h.escalate('+8613800000211', '我要投诉'),
      await h.escalate('+8613800000212', '我要投诉'),
      await h.escalate('+8613800000213', '我要投诉'),
    ];
    const responses = await Promise.all([
      sam.post('/api/staff/cases/next', { team: 'supervisor' }),
      sue.post('/api/staff/cases/next', { team: 'supervisor' }),
      sam.post('/api/staff/cases/next', { team: 'supervisor' }),
      sue.post('/api/staff/cases/next', { team: 'supervisor' }),
    ]);
    const got = responses.filter((r) => r.statusCode === 200).map((r) => r.json().case.ref);
    expect(responses.filter((r) => r.statusCode === 204)).toHaveLength(1);
    expect(got.sort()).toEqual([...refs].sort());
    for (const response of responses.filter((r) => r.statusCode === 200)) {
      const owner = response.json().case.owner;
      const ref = response.json().case.ref;
      expect((await h.runtime.cases.get(ref))?.owner).toBe(owner);
    }
  });

  it('the claimed case comes with customer, transcript, deadline and warranty', async () => {
    const ref = await h.escalate('+8613800000221', '转人工');
    const response = await alice.post('/api/staff/cases/next');
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.case).toMatchObject({
      ref,
      status: 'assigned',
      owner: 'staff:alice',
      handledBy: ['alice'],
    });
    expect(detail.customer.identities).toEqual(['phone:+8613800000221']);
    expect(detail.transcript.map((e: { kind: string }) => e.kind)).toContain('in');
    expect(detail.transcript.at(-1)).toMatchObject({ kind: 'event', meta: { event: 'claimed' } });
    expect(detail.deadline).toMatchObject({ kind: 'first_response', team: 'support', state: 'pending' });
    expect(detail).toHaveProperty('warranty', null);
    expect((await alice.get(`/api/staff/cases/${ref}`)).json().case.owner).toBe('staff:alice');
  });
});
