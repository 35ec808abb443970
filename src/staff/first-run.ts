/**
 * A fresh install has nobody to sign in as: the first server start creates a supervisor, `admin`, and
 * prints its password and API token once, on the terminal — never into the JSON log. Later starts (or a
 * second process racing the first) find the account and print nothing.
 */
import type { Runtime } from '../runtime.js';
import { createStaffAccounts } from './accounts.js';

export const FIRST_SUPERVISOR = 'admin';

export async function ensureFirstSupervisor(
  runtime: Pick<Runtime, 'redis' | 'config' | 'clock'>,
  print: (text: string) => void = (text) => process.stdout.write(text),
): Promise<boolean> {
  const accounts = createStaffAccounts(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
  if ((await accounts.list()).length > 0) return false;
  try {
    const { password, token } = await accounts.add({
      name: FIRST_SUPERVISOR,
      role: 'supervisor',
      teams: ['support', 'supervisor', 'onsite'],
    });
    print(
      [
        '',
        `First start: created the supervisor account "${FIRST_SUPERVISOR}" (shown once — keep it safe):`,
        `  password: ${password}`,
        `  API token: ${token}`,
        '  Sign in to the staff console at /console on this server (default port 3978) as admin.',
        '  Add your team with: npm run staff -- add NAME --role agent --team support',
        '',
      ].join('\n'),
    );
    return true;
  } catch {
    return false; // another process created it first
  }
}
