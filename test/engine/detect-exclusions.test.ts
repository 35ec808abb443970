import { describe, expect, it } from 'vitest';
import { detectExclusions, mentionedAffirmatively } from '../../src/actions/detect-exclusions.js';
import { loadPolicy } from '../../src/policy/load.js';

const policy = loadPolicy('flows/policy.yaml');

describe('out-of-warranty causes in what the customer wrote', () => {
  it.each([
    ['笔记本摔了一下就开不了机', ['accident']],
    ['前天键盘进水了', ['accident']],
    ['我自己拆开换过内存', ['unauthorised_repair']],
    ['I dropped my laptop and now the screen is black', ['accident']],
    ['笔记本没有摔过也没进水，就是开不了机', []],
    ['My laptop was never dropped and never got wet, it just won’t turn on', []],
    ['not dropped, it just died', []],
    ['开不了机', []],
  ])('%s', (text, expected) => {
    expect(detectExclusions(policy, text, 'laptop')).toEqual(expected);
  });

  it('a denial in one clause does not hide a mention in another', () => {
    expect(mentionedAffirmatively('没摔过，但是昨天进水了', '进水')).toBe(true);
    expect(mentionedAffirmatively('没摔过，但是昨天进水了', '摔')).toBe(false);
  });
});
