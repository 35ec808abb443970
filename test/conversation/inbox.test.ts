/**
 * The per-customer inbox against real Redis: order, dedupe, one holder at a time across processes,
 * and a dead holder's work taken over.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  CustomerInbox,
  defineInboxScripts,
  type LoadedState,
  TransientWorkError,
  type WorkItem,
} from '../../src/conversation/inbox.js';
import { keySpace } from '../../src/conversation/keys.js';
import { silentLogger } from '../../src/logger.js';
import { testRedis, uniquePrefix } from '../support/redis.js';

const redis = testRedis();
afterAll(() => redis.disconnect());

function item(id: string, payload: unknown = id): WorkItem {
  return { id, kind: 'test', payload, admittedAt: new Date().toISOString() };
}

/** A handler that appends each item to a list in the customer's slot and remembers what ran when. */
function recordingInbox(prefix: string, log: string[], delayMs = 0, connection = redis) {
  return new CustomerInbox({
    redis: connection,
    prefix,
    logger: silentLogger,
    lockTtlMs: 300,
    handler: async (state: LoadedState) => {
      log.push(`start ${state.item.id}`);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      log.push(`end ${state.item.id}`);
      return { result: { ran: state.item.id }, writes: [['rpush', 'seen', state.item.id]] };
    },
  });
}

describe('CustomerInbox: order, once, one process at a time', () => {
  it('runs items of one customer one at a time, in admission order', async () => {
    const prefix = uniquePrefix();
    const log: string[] = [];
    const inbox = recordingInbox(prefix, log, 5);
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const results = await Promise.all(ids.map((id) => inbox.submit('cust', item(id))));
    expect(results.map((r) => r.result)).toEqual(ids.map((id) => ({ ran: id })));
    expect(log).toEqual(ids.flatMap((id) => [`start ${id}`, `end ${id}`]));
    expect(await redis.lrange(`${keySpace(prefix).customer('cust')}seen`, 0, -1)).toEqual(ids);
    // Nothing left to recover: the sweep finds the inbox empty and takes the customer off the list.
    expect(await redis.zscore(keySpace(prefix).pendingWork(), 'cust')).not.toBeNull();
    expect(await inbox.recoverAll()).toBe(0);
    expect(await redis.zscore(keySpace(prefix).pendingWork(), 'cust')).toBeNull();
  });

  it('runs an item id once, however often it is submitted', async () => {
    const prefix = uniquePrefix();
    const log: string[] = [];
    const inbox = recordingInbox(prefix, log);
    const [first, second] = await Promise.all([
      inbox.submit('cust', item('x')),
      inbox.submit('cust', item('x')),
    ]);
    const third = await inbox.submit('cust', item('x'));
    expect(log.filter((line) => line === 'start x')).toHaveLength(1);
    expect(first.result).toEqual({ ran: 'x' });
    expect(second.result).toEqual({ ran: 'x' });
    expect(third).toMatchObject({ status: 'duplicate', result: { ran: 'x' } });
  });

  it('two processes never run one customer at the same time', async () => {
    const prefix = uniquePrefix();
    const log: string[] = [];
    const otherConnection = redis.duplicate();
    const one = recordingInbox(prefix, log, 3);
    const two = recordingInbox(prefix, log, 3, otherConnection);
    const ids = Array.from({ length: 10 }, (_, n) => `i${n}`);
    await Promise.all(ids.map((id, n) => (n % 2 ? one : two).submit('cust', item(id))));
    for (let n = 0; n < log.length; n += 2) {
      expect(log[n]!.replace('start ', '')).toBe(log[n + 1]!.replace('end ', ''));
    }
    expect([...(await redis.lrange(`${keySpace(prefix).customer('cust')}seen`, 0, -1))].sort()).toEqual(
      [...ids].sort(),
    );
    otherConnection.disconnect();
  });

  it('takes over the work of a process that died holding the lock', async () => {
    const prefix = uniquePrefix();
    const base = keySpace(prefix).customer('cust');
    // A process admits an item, gets the lock… and dies before committing.
    defineInboxScripts(redis);
    const reply = await redis.sbAdmit(
      `${base}link`,
      `${base}inbox`,
      `${base}lock`,
      `${base}res:dead-1`,
      base,
      JSON.stringify(item('dead-1')),
      'dead-token',
      200,
      3600,
    );
    expect(reply[0]).toBe('lead');
    const log: string[] = [];
    const survivor = recordingInbox(prefix, log);
    // A new message from the same customer waits for the dead holder's lock to expire, then carries on
    // with the dead process's item first.
    const result = await survivor.submit('cust', item('next-1'));
    expect(result.result).toEqual({ ran: 'next-1' });
    expect(log).toEqual(['start dead-1', 'end dead-1', 'start next-1', 'end next-1']);
    expect(await redis.get(`${base}lock`)).toBeNull();
  });
});

describe('CustomerInbox: recovery and bad items', () => {
  it('recovers leftover work at start-up without any new message', async () => {
    const prefix = uniquePrefix();
    const keys = keySpace(prefix);
    const base = keys.customer('quiet');
    defineInboxScripts(redis);
    await redis.sbAdmit(
      `${base}link`,
      `${base}inbox`,
      `${base}lock`,
      `${base}res:left-1`,
      base,
      JSON.stringify(item('left-1')),
      'gone',
      50,
      3600,
    );
    await redis.zadd(keys.pendingWork(), Date.now() - 120_000, 'quiet');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const log: string[] = [];
    const restarted = recordingInbox(prefix, log);
    expect(await restarted.recoverAll(60_000)).toBe(1);
    expect(log).toEqual(['start left-1', 'end left-1']);
    expect(JSON.parse((await redis.get(`${base}res:left-1`))!)).toEqual({ ran: 'left-1' });
  });

  it('a handler that throws does not wedge the inbox: the item is parked and the next one runs', async () => {
    const prefix = uniquePrefix();
    const inbox = new CustomerInbox({
      redis,
      prefix,
      logger: silentLogger,
      handler: async (state) => {
        if (state.item.id === 'bad') throw new Error('boom');
        return { result: 'ok', writes: [] };
      },
    });
    const [bad, good] = await Promise.all([
      inbox.submit('cust', item('bad')),
      inbox.submit('cust', item('good')),
    ]);
    expect(bad.result).toEqual({ error: 'boom' });
    expect(good.result).toBe('ok');
    const parked = await redis.lrange(`${keySpace(prefix).customer('cust')}failed`, 0, -1);
    expect(JSON.parse(parked[0]!)).toMatchObject({ item: { id: 'bad' }, error: 'boom' });
  });

  it('follows an identity linked to another customer', async () => {
    const prefix = uniquePrefix();
    const keys = keySpace(prefix);
    await redis.set(`${keys.customer('old-id')}link`, 'main-id');
    const log: string[] = [];
    const result = await recordingInbox(prefix, log).submit('old-id', item('linked-1'));
    expect(result.customerId).toBe('main-id');
    expect(await redis.lrange(`${keys.customer('main-id')}seen`, 0, -1)).toEqual(['linked-1']);
  });

  it('half an emoji (a lone surrogate) in an item or a write never wedges the inbox', async () => {
    const prefix = uniquePrefix();
    const inbox = new CustomerInbox({
      redis,
      prefix,
      logger: silentLogger,
      handler: async (state) => ({
        result: { echoed: state.item.payload, session: state.session },
        writes: [['set', 'session:conv', JSON.stringify({ caseRef: null, note: state.item.payload })]],
      }),
    });
    const broken = { ...item('half-1', 'note \ud83d'), conversation: 'conv' };
    const first = await inbox.submit('cust', broken);
    expect(first.result).toMatchObject({ echoed: 'note \ufffd' });
    // The next item loads that session (Lua decodes it): it must still run.
    const second = await inbox.submit('cust', { ...item('half-2', 'ok'), conversation: 'conv' });
    expect(second.result).toMatchObject({ echoed: 'ok', session: { note: 'note \ufffd' } });
  });
});

describe('CustomerInbox: transient failures and recorded work', () => {
  it('a transient failure leaves the item queued; it is finished later, not lost', async () => {
    const prefix = uniquePrefix();
    let failures = 1;
    const ran: string[] = [];
    const inbox = new CustomerInbox({
      redis,
      prefix,
      logger: silentLogger,
      lockTtlMs: 200,
      handler: async (state) => {
        if (failures-- > 0) throw new TransientWorkError(new Error('Connection is closed.'));
        ran.push(state.item.id);
        return { result: 'done', writes: [] };
      },
    });
    const first = await inbox.submit('cust', item('flaky-1'));
    expect(first.status).toBe('queued');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await inbox.recoverAll()).toBe(1);
    expect(ran).toEqual(['flaky-1']);
    expect(JSON.parse((await redis.get(`${keySpace(prefix).customer('cust')}res:flaky-1`))!)).toBe('done');
  });

  it('record answers once the item is stored; the item runs right after, in order, once', async () => {
    const prefix = uniquePrefix();
    const log: string[] = [];
    const inbox = recordingInbox(prefix, log, 30);
    const first = await inbox.record('cust', item('r1'));
    // Answered before the handler finished (it takes 30 ms).
    expect(first.status).toBe('recorded');
    expect(log).not.toContain('end r1');
    const second = await inbox.record('cust', item('r2'));
    expect(second.status).toBe('recorded');
    // The same provider id again while the first is still running: a repeat, not run twice.
    expect((await inbox.record('cust', item('r1'))).status).toBe('duplicate');
    await inbox.idle();
    expect(log).toEqual(['start r1', 'end r1', 'start r2', 'end r2']);
    expect(await redis.lrange(`${keySpace(prefix).customer('cust')}seen`, 0, -1)).toEqual(['r1', 'r2']);
    expect((await inbox.record('cust', item('r2'))).status).toBe('duplicate');
  });

  it('an item recorded by a process that died before running it is run by the next one', async () => {
    const prefix = uniquePrefix();
    const log: string[] = [];
    // The first process records the item and dies in the middle of its turn (the handler never ends).
    const dying = new CustomerInbox({
      redis,
      prefix,
      logger: silentLogger,
      lockTtlMs: 300,
      handler: () => new Promise<never>(() => undefined),
    });
    expect((await dying.record('cust', item('lost-turn'))).status).toBe('recorded');
    const next = recordingInbox(prefix, log);
    // While the dead holder's lock lasts, nobody else runs the item…
    expect(await next.recoverAll(0)).toBe(0);
    // …once it lapses (no heartbeat from a dead process), the recovery sweep does.
    await redis.del(`${keySpace(prefix).customer('cust')}lock`);
    expect(await next.recoverAll(0)).toBe(1);
    expect(log).toEqual(['start lost-turn', 'end lost-turn']);
  });
});
