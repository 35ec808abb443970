/**
 * Saved replies (常用语) per team, each in Chinese and/or English, with `{customer}`, `{ref}`,
 * `{deadline}`, `{engineer}` and `{window}` filled from the case when inserted. Kept in Redis beside the
 * other staff data (accounts, approved KB entries, console preferences): every app process reads them
 * on each case page, supervisors change them a few times a month, and they are not part of any
 * customer's record. One hash per team, `P:canned:<team>`, field = id, value = the reply as JSON.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { SupportError } from '../errors.js';
import { teamNameSchema } from './accounts.js';

export const cannedVariables = ['customer', 'ref', 'deadline', 'engineer', 'window'] as const;
export type CannedValues = Partial<Record<(typeof cannedVariables)[number], string>>;

const text = (max: number) => z.string().trim().max(max);

export const cannedIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'use 1–40 lowercase letters, digits, _ - (e.g. greeting)');

/** A saved reply as a supervisor writes it: a title to find it by, and the text in at least one language. */
export const cannedBody = z
  .object({
    title: text(80).min(1, 'must not be empty'),
    zh: text(2000).optional(),
    en: text(2000).optional(),
  })
  .refine((body) => !!body.zh || !!body.en, { message: 'give the text in zh, en or both', path: ['zh'] })
  .refine(
    (body) =>
      [body.zh, body.en].every((t) =>
        [...(t ?? '').matchAll(/\{(\w+)\}/g)].every((m) =>
          (cannedVariables as readonly string[]).includes(m[1]!),
        ),
      ),
    { message: `variables are ${cannedVariables.map((v) => `{${v}}`).join(' ')}`, path: ['zh'] },
  );
export type CannedInput = z.infer<typeof cannedBody>;

export interface CannedReply {
  id: string;
  team: string;
  title: string;
  zh?: string;
  en?: string;
  updatedAt: string;
  updatedBy: string;
}

export function fillCanned(template: string, values: CannedValues): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name as keyof CannedValues] ?? whole);
}

export interface CannedReplies {
  list(teams: readonly string[]): Promise<CannedReply[]>;
  put(team: string, id: string, input: CannedInput, by: string): Promise<CannedReply>;
  remove(team: string, id: string): Promise<void>;
}

export function createCannedReplies(redis: Redis, prefix: string, clock: Clock): CannedReplies {
  const key = (team: string) => `${prefix}:canned:${teamNameSchema.parse(team)}`;
  return {
    async list(teams) {
      const all = await Promise.all(
        [...new Set(teams)].map(async (team) => Object.values(await redis.hgetall(key(team)))),
      );
      return all
        .flat()
        .map((raw) => JSON.parse(raw) as CannedReply)
        .sort((a, b) => a.team.localeCompare(b.team) || a.title.localeCompare(b.title));
    },
    async put(team, id, input, by) {
      const reply: CannedReply = {
        id: cannedIdSchema.parse(id),
        team,
        title: input.title,
        ...(input.zh ? { zh: input.zh } : {}),
        ...(input.en ? { en: input.en } : {}),
        updatedAt: clock.now().toISOString(),
        updatedBy: by,
      };
      await redis.hset(key(team), id, JSON.stringify(reply));
      return reply;
    },
    async remove(team, id) {
      if ((await redis.hdel(key(team), id)) === 0)
        throw new SupportError('SUPPORT_ERR_NOT_FOUND', `no saved reply ${id} in team ${team}`);
    },
  };
}
