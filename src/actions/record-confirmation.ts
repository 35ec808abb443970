/**
 * `record_confirmation`: the customer confirmed or disputed the maintenance record (维护记录单). A
 * confirmation closes the case; a dispute is recorded and the flow sends the case back to staff.
 */
import { transition } from '../cases/lifecycle.js';
import { defineAction } from '../engine/actions.js';

export const recordConfirmationAction = defineAction({
  outcomes: ['confirmed', 'disputed'],
  run(turn) {
    const state = turn.session.slots.confirmation === 'confirm' ? 'confirmed' : 'disputed';
    const comment =
      typeof turn.session.slots.dispute_reason === 'string' ? turn.session.slots.dispute_reason : undefined;
    turn.updateCase((kase) => {
      if (!kase.record) return kase;
      const next = {
        ...kase,
        record: { ...kase.record, confirmation: { state, at: turn.nowIso, ...(comment ? { comment } : {}) } },
      } as typeof kase;
      return state === 'confirmed' && next.status === 'resolved'
        ? transition(next, 'closed', turn.nowIso)
        : next;
    });
    turn.event('record_' + state, `maintenance record ${state}${comment ? `: ${comment}` : ''}`);
    return { outcome: state };
  },
});
