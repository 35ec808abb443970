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

describe('health and metrics', () => {
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
