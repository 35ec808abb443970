/** The case an action route is about: the caller must be able to see it (404 unknown, 403 other team). */
import type { FastifyRequest } from 'fastify';
import type { Case } from '../../cases/types.js';
import type { Runtime } from '../../runtime.js';
import { assertCanSee } from '../access.js';
import type { StaffAccount } from '../accounts.js';
import { caller } from '../auth.js';
import { loadCase } from '../case-detail.js';
import { refParams } from '../schemas.js';
import { parseInput } from '../validate.js';

export async function targetCase(
  runtime: Runtime,
  request: FastifyRequest,
): Promise<{ staff: StaffAccount; kase: Case }> {
  const staff = caller(request);
  const { ref } = parseInput(refParams, request.params, 'params');
  const kase = await loadCase(runtime, ref);
  assertCanSee(staff, kase);
  return { staff, kase };
}
