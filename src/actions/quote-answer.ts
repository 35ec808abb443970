/**
 * `quote_answer`: the customer accepted or declined the paid-repair quote (in words — "同意", "可以，修吧",
 * "too expensive" — or by tapping a button). The answer is recorded on the case's quote and the staff
 * member who owns the case is told; an answer after the quote's last day changes nothing and the
 * owner is asked to send it again.
 */
import { quoteAt } from '../cases/quote.js';
import { defineAction } from '../engine/actions.js';

export const quoteAnswerAction = defineAction({
  outcomes: ['accepted', 'declined', 'expired', 'missing'],
  run(turn) {
    const quote = turn.case?.quote;
    const kase = turn.case;
    if (!kase || !quote) return { outcome: 'missing' };
    const current = quoteAt(quote, turn.now);
    const owner = kase.owner.startsWith('staff:') ? kase.owner.slice('staff:'.length) : quote.sentBy;
    const tell = (text: string) =>
      turn.effects.push({ type: 'notify_staff', ref: kase.ref, to: owner, text });
    if (current.status !== 'sent') {
      if (current.status === 'expired') {
        turn.updateCase((c) => ({ ...c, quote: current }));
        tell(`${kase.ref}: the customer answered quote ${quote.n} after it expired; send it again`);
      }
      return { outcome: current.status === 'expired' ? 'expired' : 'missing' };
    }
    const accepted = turn.session.slots.quote_answer === 'accept';
    const status = accepted ? 'accepted' : 'declined';
    const reason = accepted ? undefined : turn.text.trim().slice(0, 200) || undefined;
    turn.updateCase((c) => ({
      ...c,
      quote: { ...current, status, decidedAt: turn.nowIso, ...(reason ? { reason } : {}) },
    }));
    const total = `${current.total} ${current.currency}`;
    turn.event(`quote_${status}`, `quote ${quote.n} (${total}) ${status}${reason ? `: ${reason}` : ''}`, {
      n: quote.n,
      total: current.total,
      currency: current.currency,
    });
    tell(`${kase.ref}: the customer ${status} quote ${quote.n} (${total})`);
    return { outcome: status, value: { total: current.total, currency: current.currency } };
  },
});
