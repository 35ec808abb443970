import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMetrics, metricsPlugin } from '../../src/metrics.js';
import { createRuntime } from '../../src/runtime.js';
import { buildApp } from '../../src/server/app.js';
import { healthPlugin } from '../../src/server/health.js';
import { testConfig } from '../support/runtime.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('health and metrics: what they count', () => {
  it('/healthz, /readyz and /metrics count messages, turns and escalations', async () => {
    const metrics = createMetrics();
    const runtime = createRuntime(testConfig(), { clock: manualClock('2026-11-26T10:00:00+08:00'), metrics });
    cleanups.push(() => runtime.close());
    const app = await buildApp({
      logger: silentLogger,
      plugins: [
        { name: 'health', plugin: healthPlugin(runtime.redis) },
        { name: 'metrics', plugin: metricsPlugin(metrics) },
      ],
    });
    cleanups.push(() => app.close());
    const message = {
      channel: 'chat' as const,
      providerMessageId: 'm-1',
      from: 'metrics-1',
      text: '转人工',
      receivedAt: runtime.clock.now(),
      inline: true,
    };
    await runtime.desk.receive(message);
    await runtime.desk.receive(message);

    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual([{ name: 'redis', ok: true }]);
    const text = (await app.inject('/metrics')).body;
    expect(text).toContain('support_inbound_messages_total{channel="chat",result="processed"} 1');
    expect(text).toContain('support_inbound_messages_total{channel="chat",result="duplicate"} 1');
    expect(text).toContain('support_escalations_total{team="support",priority="normal"} 1');
    expect(text).toMatch(/support_turn_seconds_count\{channel="chat"\} 1/);
    expect(text).toContain('support_deadlines_total{outcome="promised"} 1');

    // A staff reply within the promise keeps it.
    const staff = { name: 'amy', role: 'agent' as const };
    const claimed = (await runtime.claimer.next('support', staff))!;
    await runtime.desk.command(
      (await runtime.cases.customerOf(claimed.ref))!,
      'staff.reply',
      { staff, text: 'Hello, this is Amy.', messageId: 'metrics-reply-1' },
      { caseRef: claimed.ref },
    );
    expect((await app.inject('/metrics')).body).toContain('support_deadlines_total{outcome="kept"} 1');
  });

  it("/metrics reads waiting cases and the oldest one's age per team queue", async () => {
    const metrics = createMetrics();
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    const runtime = createRuntime(testConfig(), { clock, metrics });
    cleanups.push(() => runtime.close());
    metrics.observeQueues(() => runtime.queues.teamStats());
    const app = await buildApp({
      logger: silentLogger,
      plugins: [{ name: 'metrics', plugin: metricsPlugin(metrics) }],
    });
    cleanups.push(() => app.close());
    for (const n of [1, 2]) {
      await runtime.desk.receive({
        channel: 'chat',
        providerMessageId: `q-${n}`,
        from: `queue-${n}`,
        text: '转人工',
        receivedAt: clock.now(),
        inline: true,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const text = (await app.inject('/metrics')).body;
    expect(text).toContain('support_queue_waiting{team="support"} 2');
    const oldest = Number(/support_queue_oldest_seconds\{team="support"\} (\d+)/.exec(text)?.[1]);
    expect(oldest).toBeGreaterThanOrEqual(1);
    expect(oldest).toBeLessThan(60);
  });
});

describe('health and metrics: who may read them, and what is not ready', () => {
  it('/readyz and /metrics: loopback only without METRICS_TOKEN, the bearer token with it', async () => {
    const runtime = createRuntime(testConfig(), { clock: manualClock('2026-11-26T10:00:00+08:00') });
    cleanups.push(() => runtime.close());
    const metrics = createMetrics();
    const open = await buildApp({
      logger: silentLogger,
      plugins: [
        { name: 'health', plugin: healthPlugin(runtime.redis) },
        { name: 'metrics', plugin: metricsPlugin(metrics) },
      ],
    });
    cleanups.push(() => open.close());
    expect((await open.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await open.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(401);
    expect((await open.inject({ url: '/readyz', remoteAddress: '203.0.113.9' })).statusCode).toBe(401);
    const forwarded = await open.inject({
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(forwarded.statusCode).toBe(401);
    expect((await open.inject({ url: '/healthz', remoteAddress: '203.0.113.9' })).statusCode).toBe(200);

    const guarded = await buildApp({
      logger: silentLogger,
      plugins: [
        { name: 'health', plugin: healthPlugin(runtime.redis, [], { token: 's3cret-token' }) },
        { name: 'metrics', plugin: metricsPlugin(createMetrics(), { token: 's3cret-token' }) },
      ],
    });
    cleanups.push(() => guarded.close());
    const remote = { remoteAddress: '203.0.113.9' };
    expect((await guarded.inject({ url: '/metrics', ...remote })).json().error.code).toBe(
      'SUPPORT_ERR_AUTH_REQUIRED',
    );
    const withToken = { ...remote, headers: { authorization: 'Bearer s3cret-token' } };
    expect((await guarded.inject({ url: '/metrics', ...withToken })).statusCode).toBe(200);
    expect((await guarded.inject({ url: '/readyz', ...withToken })).statusCode).toBe(200);
    expect((await guarded.inject({ url: '/readyz', remoteAddress: '127.0.0.1' })).statusCode).toBe(401);
  });

  it('/readyz is 503 and names what is not ready', async () => {
    const runtime = createRuntime(testConfig(), { clock: manualClock('2026-11-26T10:00:00+08:00') });
    cleanups.push(() => runtime.close());
    const app = await buildApp({
      logger: silentLogger,
      plugins: [
        {
          name: 'health',
          plugin: healthPlugin(runtime.redis, [
            { name: 'sms', check: async () => Promise.reject(new Error('twilio says 401')) },
          ]),
        },
      ],
    });
    cleanups.push(() => app.close());
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks).toContainEqual({ name: 'sms', ok: false, error: 'twilio says 401' });
  });
});
