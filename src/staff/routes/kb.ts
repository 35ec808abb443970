/**
 * Knowledge that grows, through the API: `POST /cases/:ref/kb-draft` (anyone who may see the resolved
 * case), and for supervisors `GET /kb`, `PUT /kb/:id`, `POST /kb/:id/approve|reject|retire` and
 * `GET /kb/export`. The same desk command and editor as the console's pages.
 */
import { z } from 'zod';
import { createKbStore } from '../../cases/kb-store.js';
import { kbEditor } from '../../desk/kb-commands.js';
import { SupportError } from '../../errors.js';
import { actorOf, assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { actionId, runStaffCommand } from '../commands.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';
import { targetCase } from './target.js';

export const kbIdParams = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,80}$/, 'must be an entry id such as case_sr_2611_0042'),
});
const text = z.string().max(2000);
const words = z.array(z.string().max(200)).max(50);
/** The shape only; the `flows/kb/` schema then says what a valid entry is, naming each field. */
export const kbEntryBody = z.strictObject({
  categories: z.array(z.string().max(40)).max(10),
  title: z.strictObject({ zh: text, en: text }),
  keywords: z.strictObject({ zh: words, en: words }),
  parts: z.array(z.string().max(80)).max(20).default([]),
  steps: z.array(z.strictObject({ zh: text, en: text })).max(20),
});

export const kbApiRoutes: StaffRoutes = (app, { runtime }) => {
  const store = createKbStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  const editor = kbEditor({ store, files: runtime.content.kb, clock: runtime.clock });

  app.post('/cases/:ref/kb-draft', async (request, reply) => {
    const { staff, kase } = await targetCase(runtime, request);
    const result = await runStaffCommand<{ id: string; created: boolean }>(
      runtime,
      kase,
      'staff.kb_draft',
      { staff: actorOf(staff) },
      actionId(request, 'staff-kb-draft', staff, kase),
    );
    return reply.code(result.created ? 201 : 200).send({ ...result, entry: await store.get(result.id) });
  });

  app.get('/kb', async (request) => {
    assertSupervisor(caller(request), 'read the knowledge-base entries');
    const entries = await store.list();
    return { count: entries.length, entries };
  });

  app.put('/kb/:id', async (request) => {
    const { id } = parseInput(kbIdParams, request.params, 'params');
    const fields = parseInput(kbEntryBody, request.body, 'body');
    return editor.save(actorOf(caller(request)), id, fields);
  });

  for (const action of ['approve', 'reject', 'retire'] as const) {
    app.post(`/kb/:id/${action}`, async (request) => {
      const { id } = parseInput(kbIdParams, request.params, 'params');
      return editor[action](actorOf(caller(request)), id);
    });
  }

  app.get('/kb/export', async (request, reply) => {
    const yaml = await editor.exportYaml(actorOf(caller(request)));
    if (yaml === null) throw new SupportError('SUPPORT_ERR_NOT_FOUND', 'no approved entries to export yet');
    return reply
      .type('application/yaml; charset=utf-8')
      .header('content-disposition', 'attachment; filename="console-approved.yaml"')
      .send(yaml);
  });
};
