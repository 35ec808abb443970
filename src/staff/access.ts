/**
 * Who may see and do what. Agents and engineers work their own teams' queues and the cases of those
 * teams (or cases they own, handled or are booked on); supervisors see everything and alone reassign
 * and read KPIs. Ownership of a case for replies and actions is checked by the desk (assertMayAct).
 */
import type { Case } from '../cases/types.js';
import type { StaffActor } from '../desk/staff-commands.js';
import { SupportError } from '../errors.js';
import type { StaffAccount } from './accounts.js';

export function actorOf(account: StaffAccount): StaffActor {
  return { name: account.name, role: account.role };
}

export function assertSupervisor(account: StaffAccount, what: string): void {
  if (account.role !== 'supervisor') {
    throw new SupportError('SUPPORT_ERR_FORBIDDEN', `only supervisors may ${what}`);
  }
}

export function assertTeamMember(account: StaffAccount, team: string): void {
  if (account.role === 'supervisor' || account.teams.includes(team)) return;
  throw new SupportError('SUPPORT_ERR_FORBIDDEN', `you are not in team ${team}`);
}

/** The team a caller means when they name none: their first one. */
export function defaultTeam(account: StaffAccount, team: string | undefined): string {
  const chosen = team ?? account.teams[0];
  if (!chosen) throw new SupportError('SUPPORT_ERR_VALIDATION', 'team: you belong to no team, name one');
  return chosen;
}

export function canSee(account: StaffAccount, kase: Case): boolean {
  return (
    account.role === 'supervisor' ||
    (kase.team !== null && account.teams.includes(kase.team)) ||
    kase.owner === `staff:${account.name}` ||
    kase.handledBy.includes(account.name) ||
    kase.appointment?.engineer === account.name
  );
}

export function assertCanSee(account: StaffAccount, kase: Case): void {
  if (!canSee(account, kase)) {
    throw new SupportError('SUPPORT_ERR_FORBIDDEN', `case ${kase.ref} belongs to another team`);
  }
}
