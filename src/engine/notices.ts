/**
 * Things to tell a customer at their next contact (a service contract about to end): said once, after
 * the bot's own replies, and only when the bot is answering anyway — never over a person handling the
 * case.
 */
import type { Turn } from './turn.js';

export function sayPendingNotices(turn: Turn): void {
  const notices = turn.profile.notices ?? [];
  if (notices.length === 0 || turn.replies.length === 0 || !turn.text) return;
  for (const notice of notices) turn.say(notice.text);
  turn.event('notices_told', `told the customer: ${notices.map((notice) => notice.id).join(', ')}`);
  turn.profile = { ...turn.profile, notices: [] };
}
