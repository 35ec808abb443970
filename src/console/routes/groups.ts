/**
 * Customer groups in the console: `/console/customers/:id/group` shows a customer's group and, for
 * agents and supervisors, sets it; `/console/groups` lists the customers of a group.
 */
import { z } from 'zod';
import { SupportError } from '../../errors.js';
import {
  groupFilterSchema,
  groupInputSchema,
  groupMembers,
  readGroup,
  writeGroup,
} from '../../reports/groups.js';
import { onRecord } from '../../reports/record-access.js';
import { customerParams } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { words } from '../i18n.js';
import { customerGroupPage, groupListPage } from '../views/groups.js';

const emptyAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const groupForm = z.object({
  segment: groupInputSchema.shape.segment,
  region: z.preprocess(emptyAsNull, groupInputSchema.shape.region),
  industry: z.preprocess(emptyAsNull, groupInputSchema.shape.industry),
});
const doneQuery = z.object({ done: z.string().max(20).optional() });

export const groupRoutes: ConsoleRoutes = (app, { runtime }) => {
  app.get('/console/customers/:id/group', async (request, reply) => {
    const { staff } = signedIn(request);
    const { id } = parseInput(customerParams, request.params, 'params');
    const customer = await runtime.cases.customer(id);
    if (!customer) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no customer ${id}`);
    const group = await onRecord(runtime, 'read', (db) => readGroup(db, id));
    const { done } = doneQuery.parse(request.query ?? {});
    const notice = done ? words[request.consoleLang].groupSaved : undefined;
    return sendPage(
      reply,
      customerGroupPage(pageContext(request, runtime), { id, name: customer.name ?? null }, group, {
        mayEdit: staff.role !== 'engineer',
        ...(notice ? { notice } : {}),
      }),
    );
  });

  app.post('/console/customers/:id/group', async (request, reply) => {
    const { staff } = signedIn(request);
    if (staff.role === 'engineer')
      throw new SupportError('SUPPORT_ERR_FORBIDDEN', 'only agents and supervisors may set customer groups');
    const { id } = parseInput(customerParams, request.params, 'params');
    const input = parseInput(groupForm, request.body, 'body');
    if (!(await runtime.cases.customer(id)))
      throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no customer ${id}`);
    await onRecord(runtime, 'write', (db) =>
      writeGroup(db, {
        customerId: id,
        segment: input.segment,
        region: input.region ?? null,
        industry: input.industry ?? null,
        source: 'staff',
        contractNumber: null,
        by: staff.name,
        at: runtime.clock.now(),
      }),
    );
    return reply.redirect(`/console/customers/${id}/group?done=1`, 303);
  });

  app.get('/console/groups', async (request, reply) => {
    signedIn(request);
    const filter = parseInput(groupFilterSchema, request.query, 'query');
    const members = await onRecord(runtime, 'read', (db) => groupMembers(db, filter));
    const chosen = {
      segment: filter.segment ?? '',
      region: filter.region ?? '',
      industry: filter.industry ?? '',
    };
    return sendPage(reply, groupListPage(pageContext(request, runtime), members, chosen));
  });
};
