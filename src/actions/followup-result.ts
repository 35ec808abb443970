/**
 * `followup_result`: records the satisfaction score and comment (回访) on the case. Outcome `low` for a
 * score of 2 or less, which the follow-up flow escalates to a supervisor; otherwise the case closes.
 */
import { transition } from '../cases/lifecycle.js';
import { defineAction } from '../engine/actions.js';

export const LOW_SCORE = 2;

export const followupResultAction = defineAction({
  outcomes: ['low', 'ok'],
  run(turn) {
    const score = Number(turn.session.slots.score);
    const comment = typeof turn.session.slots.comment === 'string' ? turn.session.slots.comment : undefined;
    turn.updateCase((kase) => {
      const answered = {
        ...kase,
        followUp: {
          ...(kase.followUp ?? { scheduledFor: turn.nowIso }),
          score,
          comment,
          answeredAt: turn.nowIso,
        },
      };
      return score > LOW_SCORE && kase.status === 'resolved'
        ? transition(answered, 'closed', turn.nowIso)
        : answered;
    });
    turn.event('followup_answered', `follow-up score ${score}${comment ? `: ${comment}` : ''}`, { score });
    return { outcome: score <= LOW_SCORE ? 'low' : 'ok' };
  },
});
