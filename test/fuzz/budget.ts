/**
 * The fuzz harness: FUZZ_RUNS inputs per target (CI runs a small budget, `npm run test:fuzz` a large
 * one), drawn from a seed that is printed (FUZZ_SEED replays a run), every failure collected with its
 * input rather than stopping at the first.
 */
import fc from 'fast-check';

export const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Runs `check` on every drawn input; returns the failures (a description, or what was thrown). */
export async function fuzz<T>(
  target: string,
  arbitrary: fc.Arbitrary<T>,
  runs: number,
  check: (input: T) => Promise<string | null> | string | null,
): Promise<string[]> {
  const failures: string[] = [];
  const inputs = fc.sample(arbitrary, { numRuns: runs, seed: SEED });
  for (const input of inputs) {
    try {
      const problem = await check(input);
      if (problem) failures.push(problem);
    } catch (error) {
      failures.push(`threw ${String(error).slice(0, 200)} for ${JSON.stringify(input)?.slice(0, 300)}`);
    }
  }
  process.stdout.write(
    `fuzz ${target}: ${inputs.length} inputs tried (seed ${SEED}), ${failures.length} failures\n`,
  );
  for (const failure of failures.slice(0, 5)) process.stdout.write(`  ${failure}\n`);
  return failures;
}

/** Strings that trip parsers: built-in property names, broken UTF-16, control characters, huge ones. */
export const nastyStrings = [
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '\ud800',
  '\udfff abc',
  '\u0000',
  '%FF%FE',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{"a":1}',
  'SR-2612-9999',
  '+8613800138000',
  '退订',
  'STOP',
  '0',
  '9'.repeat(40),
  'x'.repeat(70_000),
];
