import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster` (test/cluster/run.ts starts the cluster): the cluster's own suite, plus the
 * single-server integration suites that should hold unchanged on a Redis Cluster.
 */
export default defineConfig({
  test: {
    include: [
      'test/cluster/**/*.cluster.ts',
      'test/queues/deadlines.test.ts',
      'test/queues/outbox.test.ts',
      'test/queues/followup.test.ts',
      'test/queues/claim.test.ts',
      'test/conversation/inbox.test.ts',
      'test/cases/link-identity.test.ts',
      'test/desk/privacy.test.ts',
      'test/kb/approved-entries.test.ts',
      'test/console/live.test.ts',
      'test/record/recorder.test.ts',
      'test/record/hot-days.test.ts',
      'test/record/redis-lost.test.ts',
      'test/record/backfill.test.ts',
    ],
    globalSetup: ['test/cluster/provide-cluster-url.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
