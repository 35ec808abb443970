import { describe, expect, it } from 'vitest';
import { extractEmail } from '../../src/engine/extract/index.js';

describe('extractEmail', () => {
  it.each([
    ['bob@example.com', 'bob@example.com', 0, 15],
    ['my email is Bob.Smith@Example.COM.', 'bob.smith@example.com', 12, 33],
    ['邮箱：li.lei@qq.com谢谢', 'li.lei@qq.com', 3, 16],
    ['write to support+case42@mail.example.co.uk, thanks', 'support+case42@mail.example.co.uk', 9, 42],
    ["<o'brien@example.ie>", "o'brien@example.ie", 1, 19],
    ['..bob@x.io', 'bob@x.io', 2, 10],
    ['first a@b then carol@example.org', 'carol@example.org', 15, 32],
  ])('%s', (text, value, start, end) => {
    expect(extractEmail(text)).toEqual({ value, start, end });
  });

  it.each([
    '',
    'no email here',
    'a@b',
    'x@@y.com',
    '@example.com',
    'bob@',
    'bob@example',
    'bob.@example.com',
    '😀@😀.com',
  ])('none: %j', (text) => {
    expect(extractEmail(text)).toBeNull();
  });
});
