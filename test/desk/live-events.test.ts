/**
 * Which live events a work item's outcome makes: queue pages wake only when a case's place in a queue
 * changes (or a deadline timer ran), case pages on any change or new transcript line of their case.
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/types.js';
import { slotWrites } from '../../src/desk/customer-slot.js';
import { liveEventsOf } from '../../src/desk/live-events.js';

/** Only the fields the events read; the rest of a case does not matter here. */
const kase = (changes: Partial<Case> = {}): Case =>
  ({
    ref: 'SR-2611-0001',
    team: 'support',
    status: 'escalated',
    owner: 'queue:support',
    priority: 'normal',
    promises: [],
    ...changes,
  }) as unknown as Case;

const note = (ref: string) => ({ at: '2026-11-26T02:00:00Z', kind: 'note' as const, text: 'x', case: ref });

describe('live events of a work item', () => {
  it('a reassignment wakes both teams’ queues', () => {
    const before = kase();
    const after = kase({ team: 'engineering' });
    expect(
      liveEventsOf('staff.reassign', before, { result: null, writes: [slotWrites.case(after)] }),
    ).toEqual([
      { kind: 'staff.reassign', ref: 'SR-2611-0001', teams: ['engineering', 'support'], queue: true },
    ]);
  });

  it('a note touches the case page only', () => {
    const before = kase();
    const writes = [slotWrites.case(before), ...slotWrites.transcript([note(before.ref)])];
    expect(liveEventsOf('staff.note', before, { result: null, writes })).toEqual([
      { kind: 'staff.note', ref: 'SR-2611-0001', teams: ['support'] },
    ]);
  });

  it('a deadline timer wakes the queues even when the case is unchanged', () => {
    const before = kase();
    const writes = slotWrites.transcript([note(before.ref)]);
    expect(liveEventsOf('deadline.warn', before, { result: null, writes })).toEqual([
      { kind: 'deadline.warn', ref: 'SR-2611-0001', teams: ['support'], queue: true },
    ]);
  });

  it('an item that changes no case makes no event', () => {
    expect(liveEventsOf('channel.preference', null, { result: null, writes: [] })).toEqual([]);
  });
});
