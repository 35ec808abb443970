/** `GET /console` (my queue) and `POST /console/take` (claim the next case through the API's claim). */
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import { assertTeamMember } from '../../staff/access.js';
import type { StaffAccount, StaffAccounts } from '../../staff/accounts.js';
import { teamNameSchema } from '../../staff/accounts.js';
import { claimNextCase } from '../../staff/commands.js';
import { waitingCases } from '../../staff/queue-view.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { allTeams } from '../teams.js';
import { queuePage, type TeamQueue } from '../views/queue.js';
import { failedInvitations } from '../visit-board.js';

const takeForm = z.object({ team: teamNameSchema });

/** An agent's or engineer's teams; a supervisor oversees every team's queue. */
export async function myQueues(
  runtime: Runtime,
  accounts: StaffAccounts,
  staff: StaffAccount,
): Promise<TeamQueue[]> {
  const teams = staff.role === 'supervisor' ? await allTeams(accounts) : staff.teams;
  return Promise.all(teams.map(async (team) => ({ team, waiting: await waitingCases(runtime, team) })));
}

export const queueRoutes: ConsoleRoutes = (app, { runtime, accounts }) => {
  app.get('/console', async (request, reply) => {
    const { staff } = signedIn(request);
    const ctx = pageContext(request, runtime);
    const empty = (request.query as Record<string, unknown>).empty;
    return sendPage(
      reply,
      queuePage(
        ctx,
        await myQueues(runtime, accounts, staff),
        empty === '1' ? ctx.w.nothingToTake : undefined,
        await failedInvitations(runtime, staff),
      ),
    );
  });

  app.post('/console/take', async (request, reply) => {
    const { staff } = signedIn(request);
    const { team } = parseInput(takeForm, request.body, 'body');
    assertTeamMember(staff, team);
    const claimed = await claimNextCase(runtime, staff, team);
    return reply.redirect(claimed ? `/console/cases/${claimed.ref}` : '/console?empty=1', 303);
  });
};
