/**
 * URLs the router refuses before any handler runs get the documented error shape
 * (`{"error":{"code","message"}}`) and a 4xx, like every other refusal of the staff API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StaffHarness, staffHarness } from './harness.js';

let h: StaffHarness;
beforeEach(async () => {
  h = await staffHarness();
});
afterEach(async () => {
  await h.close();
});

describe('malformed URLs', () => {
  it('bad percent-encoding and over-long references answer 4xx in the documented shape', async () => {
    const amy = await h.addStaff('amy', 'agent', ['support']);
    const cases: Array<[string, number]> = [
      ['/api/staff/cases/%FF%FE', 400],
      ['/api/staff/cases/%', 400],
      [`/api/staff/cases/${'S'.repeat(5000)}`, 414],
      ['/api/staff/cases/SR-2612-0001/%E0%A4%A', 400],
    ];
    for (const [url, status] of cases) {
      const answer = await amy.get(url);
      expect(answer.statusCode, url.slice(0, 40)).toBe(status);
      expect(answer.json(), url.slice(0, 40)).toEqual({
        error: { code: 'SUPPORT_ERR_VALIDATION', message: expect.any(String) },
      });
    }
  });
});
