/**
 * Cases over several days for the KPI charts, worked through the real desk and staff API: each day a
 * customer escalates at 10:00, alice claims the case, replies after `10 × (day + 1)` minutes and
 * resolves it `60 × (day + 1)` minutes after it opened — so day d's first response is 10(d+1) min and
 * its resolution 60(d+1) min, figures a test can check.
 */
import { DateTime } from 'luxon';
import type { ConsoleHarness } from './harness.js';

export const SEED_ZONE = 'Asia/Shanghai';

export async function seedDays(h: ConsoleHarness, firstDay: string, days: number): Promise<string[]> {
  const alice = await h.addStaff('kpi-alice', 'agent', ['support']);
  const refs: string[] = [];
  for (let day = 0; day < days; day++) {
    const open = DateTime.fromISO(`${firstDay}T10:00:00`, { zone: SEED_ZONE }).plus({ days: day });
    h.runtime.clock.set(open.toJSDate());
    const ref = await h.escalate(`+86139001${String(70000 + day)}`, '转人工');
    const claimed = await alice.post('/api/staff/cases/next', { team: 'support' });
    if (claimed.statusCode !== 200) throw new Error(`claim on day ${day}: ${claimed.statusCode}`);
    h.runtime.clock.set(open.plus({ minutes: 10 * (day + 1) }).toJSDate());
    const replied = await alice.post(`/api/staff/cases/${ref}/reply`, { text: 'checking' });
    if (replied.statusCode !== 202) throw new Error(`reply on day ${day}: ${replied.body}`);
    const finished = open.plus({ minutes: 60 * (day + 1) });
    h.runtime.clock.set(finished.toJSDate());
    const resolved = await alice.post(`/api/staff/cases/${ref}/resolve`, {
      record: {
        faultReported: 'no power',
        faultFound: 'fuse',
        cause: 'surge',
        actions: 'replaced the fuse',
        engineer: 'kpi-alice',
        finishedAt: finished.toISO(),
        mode: 'remote',
      },
    });
    if (resolved.statusCode !== 200) throw new Error(`resolve on day ${day}: ${resolved.body}`);
    refs.push(ref);
  }
  return refs;
}
