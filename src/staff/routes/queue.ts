/** `GET /queue?team=`: a team's waiting cases in the order "take next" would hand them out. */
import { assertTeamMember, defaultTeam } from '../access.js';
import { caller } from '../auth.js';
import { waitingCases } from '../queue-view.js';
import { queueQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const queueRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/queue', async (request) => {
    const staff = caller(request);
    const query = parseInput(queueQuery, request.query, 'query');
    const team = defaultTeam(staff, query.team);
    assertTeamMember(staff, team);
    const waiting = await waitingCases(runtime, team);
    return { team, count: waiting.length, waiting };
  });
};
