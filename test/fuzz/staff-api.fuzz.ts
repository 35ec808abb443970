/**
 * The staff API with arbitrary paths, headers and bodies (with a valid token and without): every
 * request gets a 2xx or a 4xx in the documented shape `{"error":{"code","message"}}`, never a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffHarness, staffHarness } from '../staff/harness.js';
import { fuzz, nastyStrings, RUNS } from './budget.js';

let h: StaffHarness;
let token = '';
let ref = '';
beforeAll(async () => {
  h = await staffHarness();
  const amy = await h.addStaff('amy', 'supervisor', ['support']);
  token = amy.token;
  ref = await h.escalate('+8613800138777', '转人工');
});
afterAll(async () => h.close());

/** Percent-encodes like a client would (a lone surrogate becomes U+FFFD first, as browsers do). */
const encodeSegment = (value: string) => encodeURIComponent(value.toWellFormed());

const segment = fc.oneof(
  fc.constantFrom(
    'cases',
    'queue',
    'claim',
    'reply',
    'notes',
    'dispatch',
    'late',
    'resolve',
    'release',
    'reassign',
    'customers',
    'identities',
    'conversations',
    'kpis',
    'me',
    'notifications',
    'openapi.json',
    'staff',
  ),
  fc.constantFrom(...nastyStrings.filter((s) => s.length < 1000)).map(encodeSegment),
  fc.string({ maxLength: 12 }).map(encodeSegment),
  fc.constantFrom('%FF', '%', '%E0%A4%A', 'SR-2612-0001'),
);

const json = fc.jsonValue({ maxDepth: 3 });

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  segments: fc.array(segment, { minLength: 0, maxLength: 4 }),
  withRef: fc.boolean(),
  auth: fc.constantFrom('token', 'none', 'garbage'),
  body: fc.oneof(json, fc.string({ maxLength: 100 })),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
  idempotency: fc.option(fc.string({ maxLength: 300 })),
});

describe('fuzz: staff API', () => {
  it('every request gets a 2xx or a 4xx in the documented shape', async () => {
    const failures = await fuzz('staff API', request, RUNS, async (input) => {
      const path = `/api/staff/${input.withRef ? `cases/${ref}/` : ''}${input.segments.join('/')}`;
      const headers: Record<string, string> = {};
      if (input.auth === 'token') headers.authorization = `Bearer ${token}`;
      if (input.auth === 'garbage') headers.authorization = 'Bearer \u00ff\u00fe';
      if (input.contentType) headers['content-type'] = input.contentType;
      if (input.idempotency !== null)
        headers['idempotency-key'] = input.idempotency.replace(/[^\x20-\x7e]/g, '');
      const payload =
        input.method === 'GET' || input.method === 'DELETE'
          ? undefined
          : typeof input.body === 'string'
            ? input.body
            : JSON.stringify(input.body);
      const answer = await h.app.inject({
        method: input.method,
        url: path,
        headers,
        ...(payload === undefined ? {} : { payload }),
      });
      let shaped = answer.statusCode < 400;
      if (!shaped && answer.statusCode < 500) {
        try {
          const body = answer.json() as { error?: { code?: unknown; message?: unknown } };
          shaped = typeof body.error?.code === 'string' && typeof body.error?.message === 'string';
        } catch {
          shaped = false;
        }
      }
      return shaped
        ? null
        : `${answer.statusCode} ${input.method} ${path.slice(0, 120)} → ${answer.body.slice(0, 160)}`;
    });
    expect(failures).toEqual([]);
  });
});
