/**
 * Runs every flow test in flows/tests/ (not flows/tests/pending/) against the private test Redis: one
 * vitest test per transcript, each on its own key prefix, so `npm test` covers what `npm run
 * flows:test` covers. A failure reads like the CLI's: `flows/tests/x.yaml:12:5 step 3 ("否"): …`.
 */
import { describe, expect, it } from 'vitest';
import { findTranscripts, loadTranscript } from '../../src/cli/flow-tests/load.js';
import { formatFailure, runTranscript } from '../../src/cli/flow-tests/runner.js';
import { loadConfig } from '../../src/config.js';
import { loadContent } from '../../src/content.js';
import { testRedisUrl } from '../support/redis.js';

const content = loadContent('flows');
const files = findTranscripts(['flows/tests']);

describe('flow tests (flows/tests/*.yaml)', () => {
  it('has transcripts to run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const load = loadTranscript(file);
    if (!load.ok) {
      it(`${file} is a valid transcript`, () => {
        expect.fail(load.problems.map(String).join('\n'));
      });
      continue;
    }
    const { loaded } = load;
    it(`${loaded.transcript.name} (${loaded.file})`, async () => {
      const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: testRedisUrl(), LOG_LEVEL: 'silent' });
      const result = await runTranscript(loaded, { config, content });
      if (!result.passed) expect.fail(result.failures.map(formatFailure).join('\n'));
    });
  }
});
