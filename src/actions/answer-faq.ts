/** `answer_faq`: answers the customer's last message from the FAQ; outcome `answered` or `none`. */
import { defineAction } from '../engine/actions.js';

export const answerFaqAction = defineAction({
  outcomes: ['answered', 'none'],
  run(turn) {
    const faq = turn.services.matchFaq(turn.text);
    if (!faq) return { outcome: 'none' };
    turn.say(faq.answer);
    turn.event('faq_answered', `answered from the FAQ: ${faq.id}`, { faq: faq.id });
    return { outcome: 'answered' };
  },
});
