/** `reset_conversation`: the customer cancelled; forget the current flow and slots. */
import { defineAction } from '../engine/actions.js';
import { resetConversation } from '../engine/runner.js';

export const resetConversationAction = defineAction({
  run(turn) {
    const { flow, step } = turn.session;
    resetConversation(turn);
    // The flow running this action goes on (to say goodbye) until it ends.
    turn.session = { ...turn.session, flow, step };
    turn.event('conversation_reset', 'the customer cancelled the conversation');
    return {};
  },
});
