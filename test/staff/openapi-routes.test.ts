/**
 * The OpenAPI document and the staff API it describes list the same operations: every route Fastify
 * registers under /api/staff is in the document, and every operation in the document is a route.
 */
import Fastify, { type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccounts } from '../../src/staff/accounts.js';
import { staffOpenApiDocument } from '../../src/staff/openapi.js';
import { STAFF_API_PREFIX, staffApiPlugin } from '../../src/staff/plugin.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** `POST /cases/{ref}/reply`: the document's spelling of a route. */
function operation(method: string, url: string): string {
  const path = url.slice(STAFF_API_PREFIX.length).replace(/:(\w+)/g, '{$1}');
  return `${method.toUpperCase()} ${path}`;
}

function documentedOperations(): string[] {
  const paths = staffOpenApiDocument().paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('the staff API and its OpenAPI document', () => {
  let runtime: TestRuntime;
  const registered: string[] = [];

  beforeAll(async () => {
    runtime = createTestRuntime();
    const accounts = createStaffAccounts(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
    const app = Fastify();
    // Fastify adds a HEAD route for every GET on its own; the document describes the GETs.
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.url.startsWith(`${STAFF_API_PREFIX}/`)) return;
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') registered.push(operation(method, route.url));
      }
    });
    await app.register(staffApiPlugin(runtime, accounts));
    await app.ready();
    await app.close();
  });
  afterAll(async () => runtime.close());

  it('registers routes under /api/staff (the list below is not empty by accident)', () => {
    expect(registered).toContain('GET /queue');
    expect(registered).toContain('POST /cases/{ref}/reply');
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('documents every registered route', () => {
    const documented = new Set(documentedOperations());
    expect(registered.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('registers every documented operation', () => {
    const routes = new Set(registered);
    expect(documentedOperations().filter((route) => !routes.has(route))).toEqual([]);
  });
});
