/**
 * `rebook_visit`: the customer's answer to the windows offered after they were absent. A number picks
 * one of the offered windows and books it with the same engineer at once (reminder the day before, the
 * engineer told); anything else is the customer's own wish, passed to the engineer and the case owner.
 */
import { DateTime } from 'luxon';
import { defineAction } from '../engine/actions.js';
import { extractNumber } from '../engine/extract/index.js';

export const rebookVisitAction = defineAction({
  outcomes: ['booked', 'requested'],
  run(turn) {
    const kase = turn.case;
    const answer = String(turn.session.slots.rebook_choice ?? '').trim();
    const rebook = kase?.rebook;
    if (!kase || !rebook) return { outcome: 'requested' };
    // Only a short answer is a pick ("2", "第二个", "option 2"); "周五下午3点" is a wish.
    const picked = answer.length <= 12 ? extractNumber(answer)?.value : undefined;
    const window = typeof picked === 'number' ? rebook.offered[picked - 1] : undefined;
    const owner = kase.owner.startsWith('staff:') ? kase.owner.slice(6) : `team:${kase.team ?? 'onsite'}`;
    const notify = (text: string) => {
      for (const to of new Set([rebook.engineer, owner])) {
        turn.effects.push({ type: 'notify_staff', ref: kase.ref, to, text });
      }
    };
    if (!window) {
      turn.updateCase((c) => ({ ...c, flags: [...new Set([...c.flags, 'reschedule_requested'])] }));
      notify(`case ${kase.ref}: after the missed visit the customer asks for "${answer.slice(0, 200)}"`);
      turn.event('appointment_move_requested', `customer asks for another time: ${answer}`, {
        request: answer,
      });
      return { outcome: 'requested' };
    }
    turn.updateCase((c) => {
      const { rebook: _done, ...rest } = c;
      return {
        ...rest,
        appointment: { engineer: rebook.engineer, window, bookedAt: turn.nowIso },
        flags: c.flags.filter((flag) => flag !== 'reschedule_requested'),
      };
    });
    const reminderAt = new Date(Date.parse(window.start) - 24 * 3600_000);
    if (reminderAt.getTime() > turn.now.getTime()) {
      turn.effects.push({
        type: 'schedule_reminder',
        ref: kase.ref,
        customerId: kase.customerId,
        at: reminderAt.toISOString(),
        key: String(Date.parse(window.start)),
      });
    }
    notify(`case ${kase.ref}: the customer rebooked the visit for ${window.start} – ${window.end}`);
    turn.event('rebooked', `customer picked ${window.start} – ${window.end}`, { window });
    const end = DateTime.fromISO(window.end, { zone: turn.services.timezone }).toFormat('HH:mm');
    const start = turn.services.formatDeadline(new Date(window.start), turn.lang);
    return { outcome: 'booked', value: { engineer: rebook.engineer, window: `${start}–${end}` } };
  },
});
