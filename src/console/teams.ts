/** The teams a supervisor oversees: the escalation teams every install has, and any a staff account names. */
import type { StaffAccounts } from '../staff/accounts.js';

export const KNOWN_TEAMS = ['support', 'onsite', 'supervisor'] as const;

export async function allTeams(accounts: StaffAccounts): Promise<string[]> {
  const named = (await accounts.list()).flatMap((account) => account.teams);
  return [...new Set([...KNOWN_TEAMS, ...named])].sort();
}
