/**
 * Global setup of the cluster suite: hands the tests the cluster that `npm run test:cluster` started
 * (test/cluster/run.ts), under the name the single-server suite uses, so the shared test helpers
 * (test/support/runtime.ts) build real runtimes against it unchanged; and the run's own PostgreSQL
 * databases, as in the single-server suite.
 */
import type { TestProject } from 'vitest/node';
import { setupTestDatabases } from '../support/postgres-setup.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.CLUSTER_REDIS_URL;
  if (!url) throw new Error('CLUSTER_REDIS_URL is not set: run the cluster suite with npm run test:cluster');
  project.provide('redisUrl', url);
  return setupTestDatabases(project);
}
