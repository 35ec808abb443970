/**
 * Knowledge that grows from resolved cases. `staff.kb_draft` runs in the customer's inbox: it drafts an
 * entry from the case (its symptom, fault reported, actions and parts) and records on the case who
 * turned it into a knowledge-base entry. Editing, approving, rejecting and retiring are supervisors'
 * decisions about the knowledge base, not about a customer, so they are plain functions over the store
 * (`kbEditor`): the console goes through them (the staff API can too), and the role check is here.
 */
import { createKbStore, type KbRecord, type KbStore } from '../cases/kb-store.js';
import type { Case } from '../cases/types.js';
import type { Clock } from '../clock.js';
import { SupportError } from '../errors.js';
import {
  type DraftSource,
  draftFromCase,
  draftIdFor,
  type KbEntryFields,
  validateKbEntry,
} from '../kb/draft.js';
import { exportEntriesYaml } from '../kb/export.js';
import type { KbEntry, KnowledgeBase } from '../kb/schema.js';
import { CaseWork } from './case-work.js';
import type { CommandHandler } from './desk.js';
import type { StaffActor } from './staff-commands.js';

/** A case is worth learning from once staff (or the bot) resolved it. */
const LEARNABLE: ReadonlySet<Case['status']> = new Set(['resolved', 'closed']);

/** What the case says about its fault, for the draft. */
export function draftSourceOf(kase: Case): DraftSource {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const record = kase.record;
  return {
    category: typeof kase.slots.product === 'string' ? kase.slots.product : null,
    // The summary is the customer's first message: what they said before anyone asked.
    symptoms: [text(kase.slots.symptom), record?.faultReported ?? '', kase.summary],
    actions: record?.actions ?? null,
    parts: record?.partsReplaced.map((part) => part.part) ?? [],
  };
}

/** `staff.kb_draft`. Drafting the same case twice finds the first draft; the event is recorded once. */
export const kbDraft: CommandHandler = async (ctx) => {
  const { staff } = ctx.state.item.payload as { staff: StaffActor };
  const kase = ctx.case;
  if (!kase)
    throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ctx.state.item.caseRef ?? ''}`.trim());
  if (!LEARNABLE.has(kase.status))
    throw new SupportError(
      'SUPPORT_ERR_CASE_TRANSITION',
      `case ${kase.ref} is ${kase.status}: only a resolved case becomes a knowledge-base entry`,
    );
  const id = draftIdFor(kase.ref);
  const at = ctx.now.toISOString();
  const fields = draftFromCase(await ctx.deps.services.knowledgeBase(), draftSourceOf(kase));
  const store = createKbStore(ctx.deps.redis, ctx.deps.keyPrefix);
  // Written before the event: a replay after a crash finds the draft and still records the event.
  const created = await store.createDraft({
    id,
    status: 'draft',
    fields,
    source: { caseRef: kase.ref, workItem: ctx.state.item.id },
    author: staff.name,
    createdAt: at,
    updatedAt: at,
    updatedBy: staff.name,
  });
  // Drafted before by another action: nothing new to record. The same work item again is a replay
  // after a crash between the draft and the case's commit: the event still has to be recorded.
  if (!created && (await store.get(id))?.source?.workItem !== ctx.state.item.id)
    return { result: { id, created }, writes: [] };
  const work = new CaseWork(ctx, kase);
  work.event(
    'kb_drafted',
    `turned into knowledge-base entry ${id} by ${staff.name}`,
    { entry: id },
    staff.name,
  );
  return work.finish({ id, created });
};

export interface KbEditor {
  /** Replaces a draft's or an approved entry's fields; refused with every problem if not a valid entry. */
  save(actor: StaffActor, id: string, fields: KbEntryFields): Promise<KbRecord>;
  /** Makes a draft one the bot suggests, from the next customer on, in every process. */
  approve(actor: StaffActor, id: string): Promise<KbRecord>;
  /** A draft not worth keeping. */
  reject(actor: StaffActor, id: string): Promise<KbRecord>;
  /** An approved entry the bot should no longer suggest. */
  retire(actor: StaffActor, id: string): Promise<KbRecord>;
  /**
   * The approved entries as a `flows/kb/` file, or null when there are none. Ids the files already have
   * are left out: the copy in `flows/kb/` wins, and a second one would be a duplicate id.
   */
  exportYaml(actor: StaffActor): Promise<string | null>;
}

function assertSupervisor(actor: StaffActor, what: string): void {
  if (actor.role !== 'supervisor')
    throw new SupportError('SUPPORT_ERR_FORBIDDEN', `only supervisors may ${what} knowledge-base entries`);
}

/** Drafted steps are the engineer's actions: someone must say who they are for before they are used. */
export const UNDECIDED_STEPS =
  "steps: these are the engineer's repair actions: say whether a customer can follow them, or they are for staff";

/** The entry the record's fields make, or a validation error listing every problem. */
function validEntry(files: KnowledgeBase, id: string, fields: KbEntryFields) {
  const { entry, problems } = validateKbEntry(id, fields);
  const clash = [...files.entries, ...files.faqs].some((known) => known.id === id);
  const all = [
    ...(problems ?? []),
    ...(clash ? [`id: "${id}" is already in flows/kb/`] : []),
    ...(fields.stepsFromActions ? [UNDECIDED_STEPS] : []),
  ];
  if (all.length > 0 || !entry)
    throw new SupportError('SUPPORT_ERR_VALIDATION', all.join('; '), { problems: all });
  return entry;
}

export function kbEditor(deps: { store: KbStore; files: KnowledgeBase; clock: Clock }): KbEditor {
  const { store } = deps;
  const load = async (id: string, allowed: readonly KbRecord['status'][], what: string) => {
    const record = await store.get(id);
    if (!record) throw new SupportError('SUPPORT_ERR_NOT_FOUND', `no knowledge-base entry ${id}`);
    if (!allowed.includes(record.status))
      throw new SupportError(
        'SUPPORT_ERR_CASE_TRANSITION',
        `entry ${id} is ${record.status}: cannot ${what} it`,
      );
    return record;
  };
  const stamp = (record: KbRecord, actor: StaffActor, change: Partial<KbRecord>): KbRecord => ({
    ...record,
    ...change,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actor.name,
  });
  const decide = async (
    actor: StaffActor,
    id: string,
    verb: string,
    from: KbRecord['status'],
    to: KbRecord['status'],
  ) => {
    assertSupervisor(actor, verb);
    const record = await load(id, [from], verb);
    if (to === 'approved') validEntry(deps.files, id, record.fields);
    const at = deps.clock.now().toISOString();
    const next = stamp(record, actor, { status: to, decidedBy: actor.name, decidedAt: at });
    await store.put(next, to === 'approved' || from === 'approved');
    return next;
  };
  return {
    async save(actor, id, fields) {
      assertSupervisor(actor, 'edit');
      const record = await load(id, ['draft', 'approved'], 'edit');
      validEntry(deps.files, id, fields);
      // Kept as typed: an entry in one language stays one (the bot reads it through validateKbEntry).
      const next = stamp(record, actor, { fields });
      await store.put(next, record.status === 'approved');
      return next;
    },
    approve: (actor, id) => decide(actor, id, 'approve', 'draft', 'approved'),
    reject: (actor, id) => decide(actor, id, 'reject', 'draft', 'rejected'),
    retire: (actor, id) => decide(actor, id, 'retire', 'approved', 'retired'),
    async exportYaml(actor) {
      assertSupervisor(actor, 'export');
      const files = deps.files;
      const inFiles = new Set([...files.entries, ...files.faqs].map((known) => known.id));
      const approved: KbEntry[] = [];
      for (const record of await store.list()) {
        if (record.status !== 'approved' || inFiles.has(record.id)) continue;
        const { entry } = validateKbEntry(record.id, record.fields);
        if (entry) approved.push(entry);
      }
      if (approved.length === 0) return null;
      const at = deps.clock.now().toISOString();
      return exportEntriesYaml(
        approved,
        `Knowledge-base entries approved in the staff console, exported ${at}.\nCopy into flows/kb/ and run npm run flows:check; an id in these files replaces the console's entry.`,
      );
    },
  };
}
