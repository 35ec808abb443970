/**
 * What an unauthenticated visitor can make the app keep: per-address limits that a client-written
 * X-Forwarded-For cannot dodge (TRUST_PROXY), IPv6 counted by /64, open streams per address, and
 * conversations nobody wrote in kept for a day instead of WEBCHAT_KEEP_DAYS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey } from '../../../channels/webchat/rate-limit.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { buildApp } from '../../../src/server/app.js';
import { type ChatHarness, createChatHarness } from '../botframework/support/harness.js';
import { webChatClient } from './support/web-chat-client.js';

describe('TRUST_PROXY', () => {
  it('is off by default, and takes a hop count or addresses and CIDRs', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,::1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it('believes X-Forwarded-For only from the proxies it names', async () => {
    const ipOf = async (trustProxy: false | number | string[], remoteAddress: string) => {
      const app = await buildApp({
        logger: silentLogger,
        trustProxy,
        plugins: [
          {
            name: 'echo',
            plugin: async (instance) => {
              instance.get('/ip', async (request) => ({ ip: request.ip }));
            },
          },
        ],
      });
      const answer = await app.inject({
        url: '/ip',
        remoteAddress,
        headers: { 'x-forwarded-for': '203.0.113.66, 198.51.100.7' },
      });
      await app.close();
      return (answer.json() as { ip: string }).ip;
    };
    expect(await ipOf(false, '192.0.2.1')).toBe('192.0.2.1');
    expect(await ipOf(1, '192.0.2.1')).toBe('198.51.100.7');
    expect(await ipOf(['192.0.2.0/24'], '192.0.2.1')).toBe('198.51.100.7');
    expect(await ipOf(['10.0.0.1'], '192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('addresses counted', () => {
  it('IPv6 by its /64, IPv4 (and IPv4-mapped) as it is', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(addressKey('192.0.2.9')).toBe('192.0.2.9');
  });
});

describe('behind no trusted proxy', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    // A proxy that is not us: every X-Forwarded-For the test writes is a client's own claim.
    h = await createChatHarness({
      env: { TRUST_PROXY: '10.255.255.1', WEBCHAT_CONVERSATIONS_PER_HOUR: '3' },
    });
  });
  afterAll(() => h.close());

  it('a client naming a new address in every request is still one address', async () => {
    const chat = webChatClient(h.url);
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++)
      statuses.push((await chat.post('/chat/api/conversations', { locale: 'en' }, `198.51.100.${n}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });
});

describe('what a visitor makes Redis keep', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await createChatHarness({ env: { WEBCHAT_KEEP_DAYS: '30' } });
  });
  afterAll(() => h.close());

  const ttlOf = async (id: string) => {
    const keys = await h.runtime.redis.keys(`${h.runtime.desk.deps.keyPrefix}:ch:webchat:log:{${id}}*`);
    expect(keys.length).toBeGreaterThan(0);
    return Math.max(...(await Promise.all(keys.map((key) => h.runtime.redis.ttl(key)))));
  };

  it('a conversation nobody wrote in lasts a day; the customer writing keeps it for WEBCHAT_KEEP_DAYS', async () => {
    const chat = webChatClient(h.url);
    const id = await chat.start('en-US', '198.51.100.200');
    expect(await ttlOf(id)).toBeLessThanOrEqual(24 * 3600);
    expect(await chat.send(id, 'hello', { ip: '198.51.100.200' })).toBe(202);
    expect(await ttlOf(id)).toBeGreaterThan(29 * 24 * 3600);
  });

  it('one address keeps at most 20 event streams open', async () => {
    const chat = webChatClient(h.url);
    const ip = '198.51.100.201';
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push(await chat.start('en-US', ip));
    const controller = new AbortController();
    const statuses: number[] = [];
    try {
      for (let n = 0; n < 21; n++) {
        const response = await fetch(`${h.url}/chat/api/conversations/${ids[n % 5]}/events`, {
          headers: { 'x-forwarded-for': ip },
          signal: controller.signal,
        });
        statuses.push(response.status);
        if (response.status !== 200) await response.text();
      }
    } finally {
      controller.abort();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses[20]).toBe(429);
  });
});
