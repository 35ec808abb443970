/** `reset_conversation`: the customer cancelled; forget the current flow and slots. */
import { transition } from '../cases/lifecycle.js';
import { defineAction } from '../engine/actions.js';
import { resetConversation } from '../engine/runner.js';

export const resetConversationAction = defineAction({
  run(turn) {
    // A triage the bot was running is closed; a case already with staff stays with them.
    if (turn.case?.status === 'open' && turn.case.owner === 'bot') {
      turn.case = transition(turn.case, 'closed', turn.nowIso);
      turn.event('cancelled', `closed: the customer cancelled (${turn.case.ref})`);
    }
    const { flow, step } = turn.session;
    resetConversation(turn);
    // The flow running this action goes on (to say goodbye) until it ends.
    turn.session = { ...turn.session, flow, step };
    turn.event('conversation_reset', 'the customer cancelled the conversation');
    return {};
  },
});
