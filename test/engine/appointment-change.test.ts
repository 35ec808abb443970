import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../src/cases/types.js';
import { loadContent } from '../../src/content.js';
import { appointmentChangeOf } from '../../src/engine/appointment-change.js';

const { bundle } = loadContent('flows');
const booked: Appointment = {
  engineer: '王工',
  window: { start: '2026-11-30T09:00:00+08:00', end: '2026-11-30T12:00:00+08:00' },
  bookedAt: '2026-11-26T10:00:00+08:00',
};

describe('reading a request to move or cancel an appointment', () => {
  it.each([
    ['改到周五下午', 'move'],
    ['周一上午我不在家，能改期吗', 'move'],
    ['能提前到周三吗', 'move'],
    ['Can we do Thursday instead?', 'move'],
    ["Sorry, we can't make it on Monday", 'move'],
    ['取消上门吧', 'cancel'],
    ['不用来了，已经好了', 'cancel'],
    ['Please cancel the visit', 'cancel'],
    ['能提前打个电话吗', null],
    ['工程师几点到？', null],
    ['what time will the engineer arrive?', null],
  ])('%s → %s', (text, kind) => {
    expect(appointmentChangeOf(bundle, booked, text)).toBe(kind);
  });

  it('means nothing without an appointment, or once the engineer has arrived', () => {
    expect(appointmentChangeOf(bundle, null, '改到周五下午')).toBeNull();
    expect(
      appointmentChangeOf(bundle, { ...booked, arrivedAt: '2026-11-30T09:30:00+08:00' }, '改到周五下午'),
    ).toBeNull();
  });
});
