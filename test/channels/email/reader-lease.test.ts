/** One reader among all processes: the lease is exclusive, renewed by its holder, taken over when the holder dies. */
import { afterAll, describe, expect, it } from 'vitest';
import { readerLease } from '../../../channels/email/reader-lease.js';
import { channelStore } from '../../../src/desk/channel-context.js';
import { testRedis, uniquePrefix } from '../../support/redis.js';

const redis = testRedis();
afterAll(() => redis.disconnect());
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reader lease', () => {
  it('one holder at a time; renewal keeps it; a holder that stops renewing loses it after the TTL', async () => {
    const store = channelStore(redis, uniquePrefix('lease'), 'email');
    const first = readerLease(store, 'reader', 2);
    const second = readerLease(store, 'reader', 2);
    expect(await first.hold()).toBe(true);
    expect(await second.hold()).toBe(false);
    await pause(1200);
    expect(await first.hold()).toBe(true); // renewed
    await pause(1200);
    expect(await second.hold()).toBe(false); // still the first's: the renewal counted
    // The first process dies (no renewal, no release): the second takes over once the TTL ran out.
    await pause(2100);
    expect(await second.hold()).toBe(true);
    expect(await first.hold()).toBe(false);
  });

  it('a released lease is free at once', async () => {
    const store = channelStore(redis, uniquePrefix('lease'), 'email');
    const first = readerLease(store, 'reader', 30);
    const second = readerLease(store, 'reader', 30);
    expect(await first.hold()).toBe(true);
    await first.release();
    expect(await second.hold()).toBe(true);
  });
});
