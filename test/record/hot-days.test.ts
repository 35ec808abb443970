/**
 * HOT_DAYS: a closed case leaves Redis once it is recorded, and is still there for everyone — staff
 * open it by reference with its transcript, and the customer who asks about it is still recognised.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerIdFor } from '../../src/conversation/keys.js';
import { evictClosedCases } from '../../src/record/hot-days.js';
import { createRecordedRuntime, type RecordedRuntime } from '../support/record.js';
import { dumpPrefix } from '../support/redis-dump.js';

let env: RecordedRuntime;
beforeEach(async () => {
  env = await createRecordedRuntime();
});
afterEach(async () => env.close());

let n = 0;
async function say(from: string, text: string) {
  return env.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-hot-${n++}`,
    from,
    text,
    receivedAt: env.runtime.clock.now(),
    inline: true,
  });
}

const DAY = 24 * 3600_000;

describe('HOT_DAYS', () => {
  it('a closed case leaves Redis once recorded; staff and the customer still find it', async () => {
    const from = '+8613800138200';
    const opened = await say(from, '我的打印机一直卡纸，序列号 CNB7REC555');
    const ref = opened.case!.ref;
    await say(from, '取消');
    const closed = (await env.runtime.cases.get(ref))!;
    expect(closed.status).toBe('closed');
    const transcript = await env.runtime.cases.transcript(closed);
    expect(transcript.map((entry) => entry.text)).toContain('我的打印机一直卡纸，序列号 CNB7REC555');

    // Not before HOT_DAYS, and not before it is recorded.
    const { desk, clock, redis, config } = env.runtime;
    expect(await evictClosedCases(desk, env.record.db, 7, new Date(clock.now().getTime() + 8 * DAY))).toEqual(
      {
        evicted: 0,
        skipped: 0,
      },
    );
    await env.recorder.drain();
    expect(await evictClosedCases(desk, env.record.db, 7, new Date(clock.now().getTime() + 6 * DAY))).toEqual(
      {
        evicted: 0,
        skipped: 0,
      },
    );
    expect(await evictClosedCases(desk, env.record.db, 7, new Date(clock.now().getTime() + 8 * DAY))).toEqual(
      {
        evicted: 1,
        skipped: 0,
      },
    );
    await env.recorder.drain();
    const row = await env.record.db
      .selectFrom('cases')
      .select('hot')
      .where('ref', '=', ref)
      .executeTakeFirst();
    expect(row).toEqual({ hot: false });

    // Redis keeps nothing of the case but its reference in the customer's own list of cases, and the
    // results of its messages (kept a week from each message to answer provider retries: by HOT_DAYS
    // after closing, in real time, they are gone).
    const kept = [...(await dumpPrefix(redis, config.REDIS_KEY_PREFIX))]
      .filter(([key, value]) => `${key}\n${value}`.includes(ref))
      .map(([key]) => key);
    const profileKey = `${env.runtime.desk.inbox.keys.customer(customerIdFor(`phone:${from}`))}profile`;
    const expiring = kept.filter((key) => key !== profileKey);
    expect(kept).toContain(profileKey);
    for (const key of expiring) {
      expect(key).toMatch(/:res:/);
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
    }

    // Staff open it by reference, with what the customer wrote.
    expect(await env.runtime.cases.get(ref)).toEqual(closed);
    expect(await env.runtime.cases.transcript(closed)).toEqual(transcript);
    expect(await env.runtime.cases.customerOf(ref)).toBe(customerIdFor(`phone:${from}`));

    // The customer asking about it is recognised: the bot answers from the record.
    const answer = await say(from, `查询进度 ${ref}`);
    expect(answer.replies.map((reply) => reply.text).join('\n')).toContain(`工单 ${ref}`);
    expect(answer.replies.map((reply) => reply.text).join('\n')).toContain('已关闭');
  });

  it('a case that changed after the record copied it stays until the record catches up', async () => {
    const from = '+8613800138201';
    const ref = (await say(from, '我的显示器不亮了')).case!.ref;
    await say(from, '取消');
    await env.recorder.drain();
    const later = new Date(env.runtime.clock.now().getTime() + 8 * DAY);
    // Staff read it in between: the record has an older copy than Redis.
    const key = `${env.runtime.desk.inbox.keys.customer(customerIdFor(`phone:${from}`))}case:${ref}`;
    const hot = JSON.parse((await env.runtime.redis.get(key))!);
    await env.runtime.redis.set(key, JSON.stringify({ ...hot, updatedAt: '2026-11-26T03:00:00.000Z' }));
    expect(await evictClosedCases(env.runtime.desk, env.record.db, 7, later)).toEqual({
      evicted: 0,
      skipped: 1,
    });
    expect(await env.runtime.redis.exists(key)).toBe(1);
  });
});

describe('finished queue jobs of a case', () => {
  it('go with the case', async () => {
    const from = '+8613800138202';
    const ref = (await say(from, '打印机卡纸，转人工')).case!.ref;
    const kase = (await env.runtime.cases.get(ref))!;
    const team = kase.team!;
    const claimed = await env.runtime.claimer.next(team, { name: 'alice', role: 'agent' });
    expect(claimed?.ref).toBe(ref);
    const queue = env.runtime.queues.escalations(team);
    expect((await queue.getCompleted()).map((job) => job.id)).toContain(`${ref}-e1`);
    expect(await env.runtime.queues.forgetFinishedJobs(ref, [team])).toBeGreaterThan(0);
    expect((await queue.getCompleted()).map((job) => job.id)).not.toContain(`${ref}-e1`);
  });
});
