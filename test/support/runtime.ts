/**
 * A real runtime for tests: the private test Redis, a unique key prefix (so test files run in
 * parallel), the real flows, and a clock the test controls.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channels } from '../../channels/index.js';
import { type ManualClock, manualClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import { loadContent } from '../../src/content.js';
import type { ChannelAdapter } from '../../src/port/channel.js';
import type { RecordConnection } from '../../src/record/open.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { testRedisUrl, uniquePrefix } from './redis.js';

const content = loadContent('flows');

export interface TestRuntime extends Runtime {
  clock: ManualClock;
}

/** Environment for a test runtime; pass overrides such as TWILIO_* settings. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(
    {
      NODE_ENV: 'test',
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniquePrefix(),
      LOG_LEVEL: 'silent',
      // Customers' files of this test alone, in the system's temporary folder.
      FILES_DIR: join(tmpdir(), 'support-bot-test-files', uniquePrefix('files')),
      ...overrides,
    },
    channels,
  );
}

/** Thursday 26 Nov 2026, 10:00 in Shanghai: inside business hours. */
export const THURSDAY_MORNING = '2026-11-26T10:00:00+08:00';

export function createTestRuntime(
  options: {
    now?: string;
    env?: Record<string, string>;
    channels?: readonly ChannelAdapter[];
    record?: RecordConnection;
    /** Off: commits leave no trace for the recorder (a Redis-only installation). */
    recordStreams?: boolean;
  } = {},
): TestRuntime {
  const clock = manualClock(options.now ?? THURSDAY_MORNING);
  return createRuntime(testConfig(options.env), {
    clock,
    content,
    ...(options.channels ? { channels: options.channels } : {}),
    ...(options.record ? { record: options.record } : {}),
    ...(options.recordStreams === false ? { recordStreams: false } : {}),
  }) as TestRuntime;
}
