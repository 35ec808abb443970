/** `GET /console/visits`: visits by engineer, team and day, invitations and inspection records. */
import { z } from 'zod';
import { teamNameSchema } from '../../staff/accounts.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { allTeams } from '../teams.js';
import { visitsPage } from '../views/visits.js';
import { loadVisitBoard } from '../visit-board.js';

const blank = z.literal('').transform(() => undefined);
const visitsForm = z.object({
  team: teamNameSchema.optional().or(blank),
  engineer: z.string().trim().min(1).max(100).optional().or(blank),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .optional()
    .or(blank),
  days: z.coerce.number().int().min(1).max(366).default(14),
});

export const visitPageRoutes: ConsoleRoutes = (app, { runtime, accounts }) => {
  app.get('/console/visits', async (request, reply) => {
    const { staff } = signedIn(request);
    const query = parseInput(visitsForm, request.query, 'query');
    // A chosen day further out than the period widens the period to reach it.
    const ahead = query.day
      ? Math.ceil((Date.parse(query.day) - runtime.clock.now().getTime()) / 86_400_000) + 1
      : 0;
    const filter = { ...query, days: Math.min(366, Math.max(query.days, ahead)) };
    const [board, teams, staffList] = await Promise.all([
      loadVisitBoard(runtime, staff, filter),
      allTeams(accounts),
      accounts.list(),
    ]);
    const engineers = staffList
      .filter((account) => account.role === 'engineer' && !account.disabled)
      .map((account) => account.name)
      .sort();
    return sendPage(reply, visitsPage(pageContext(request, runtime), { ...board, filter, teams, engineers }));
  });
};
