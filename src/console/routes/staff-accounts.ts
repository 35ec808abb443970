/**
 * `/console/staff` (supervisors): staff accounts through the same `StaffAccounts` functions as
 * `npm run staff`. Disabling someone or giving them a new password also ends their console sessions
 * (open live streams stop at their next tick). A supervisor cannot disable or demote themselves, so
 * the last supervisor cannot lock everyone out by a slip of the mouse.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SupportError } from '../../errors.js';
import { assertSupervisor } from '../../staff/access.js';
import type { StaffAccount } from '../../staff/accounts.js';
import { staffNameSchema, staffRoles, teamNameSchema } from '../../staff/accounts.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { words } from '../i18n.js';
import { type IssuedSecret, staffAccountsPage } from '../views/staff-accounts.js';

/** "support, onsite" or "support onsite": the CLI's comma list, forgiving about spaces. */
const teamsField = z
  .string()
  .max(400)
  .transform((value) => [...new Set(value.split(/[\s,]+/).filter(Boolean))])
  .pipe(z.array(teamNameSchema).min(1, 'name at least one team'));

const displayNameField = z.string().trim().max(60).optional();
const addForm = z.object({
  name: staffNameSchema,
  role: z.enum(staffRoles),
  teams: teamsField,
  displayName: displayNameField,
});
const updateForm = z.object({ role: z.enum(staffRoles), teams: teamsField, displayName: displayNameField });
const nameParams = z.object({ name: staffNameSchema });
const doneQuery = z.object({ done: z.string().max(20).optional() });

function supervisor(request: FastifyRequest): StaffAccount {
  const { staff } = signedIn(request);
  assertSupervisor(staff, 'manage staff accounts');
  return staff;
}

function notYourself(staff: StaffAccount, name: string, what: string): void {
  if (staff.name === name)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `you cannot ${what} your own account`);
}

export const staffAccountRoutes: ConsoleRoutes = (app, ctx: ConsoleContext) => {
  const { runtime, accounts, sessions } = ctx;
  const show = async (
    request: FastifyRequest,
    reply: Parameters<typeof sendPage>[0],
    shown: { notice?: string; secret?: IssuedSecret } = {},
  ) => sendPage(reply, staffAccountsPage(pageContext(request, runtime), await accounts.list(), shown));
  const target = (request: FastifyRequest) => parseInput(nameParams, request.params, 'params').name;

  app.get('/console/staff', async (request, reply) => {
    supervisor(request);
    const { done } = doneQuery.parse(request.query ?? {});
    return show(request, reply, done ? { notice: words[request.consoleLang].done } : {});
  });

  app.post('/console/staff', async (request, reply) => {
    supervisor(request);
    const input = parseInput(addForm, request.body, 'body');
    const { displayName, ...rest } = input;
    const { account, password, token } = await accounts.add({
      ...rest,
      ...(displayName ? { displayName } : {}),
    });
    // Answered directly, not redirected: the secrets exist only in this response.
    return show(request, reply, { secret: { name: account.name, password, token } });
  });

  app.post('/console/staff/:name/update', async (request, reply) => {
    const staff = supervisor(request);
    const name = target(request);
    const change = parseInput(updateForm, request.body, 'body');
    if (change.role !== 'supervisor') notYourself(staff, name, 'demote');
    const { displayName, ...rest } = change;
    await accounts.update(name, { ...rest, ...(displayName !== undefined ? { displayName } : {}) });
    return reply.redirect('/console/staff?done=update', 303);
  });

  for (const toggle of ['disable', 'enable'] as const) {
    app.post(`/console/staff/:name/${toggle}`, async (request, reply) => {
      const staff = supervisor(request);
      const name = target(request);
      if (toggle === 'disable') notYourself(staff, name, 'disable');
      await accounts.setDisabled(name, toggle === 'disable');
      if (toggle === 'disable') await sessions.endAll(name);
      return reply.redirect(`/console/staff?done=${toggle}`, 303);
    });
  }

  app.post('/console/staff/:name/token', async (request, reply) => {
    supervisor(request);
    const { account, token } = await accounts.rotateToken(target(request));
    return show(request, reply, { secret: { name: account.name, token } });
  });

  app.post('/console/staff/:name/password', async (request, reply) => {
    supervisor(request);
    const name = target(request);
    const { account, password } = await accounts.resetPassword(name);
    // Whoever knew the old password is signed out with it (yourself included: sign in with the new one).
    await sessions.endAll(name);
    return show(request, reply, { secret: { name: account.name, password } });
  });
};
