/**
 * Reassigning a case (supervisors): to a person, who must exist and be enabled, or to another team's
 * queue. Shared by the staff API and the console so there is one way to reassign.
 */
import type { Case } from '../cases/types.js';
import type { CaseView } from '../desk/views.js';
import { SupportError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { actorOf, assertSupervisor } from './access.js';
import type { StaffAccount, StaffAccounts } from './accounts.js';
import { runStaffCommand } from './commands.js';

export async function reassignCase(
  runtime: Runtime,
  accounts: StaffAccounts,
  staff: StaffAccount,
  kase: Case,
  to: { staff?: string | undefined; team?: string | undefined },
  id: string,
): Promise<CaseView> {
  assertSupervisor(staff, 'reassign cases');
  if (to.staff) {
    const target = await accounts.get(to.staff);
    if (!target)
      throw new SupportError('SUPPORT_ERR_STAFF_NOT_FOUND', `to.staff: no staff member ${to.staff}`);
    if (target.disabled)
      throw new SupportError('SUPPORT_ERR_STAFF_DISABLED', `to.staff: ${to.staff} is disabled`);
  }
  return runStaffCommand<CaseView>(runtime, kase, 'staff.reassign', { staff: actorOf(staff), to }, id);
}
