import { describe, expect, it } from 'vitest';
import { textFeatures } from '../../src/engine/nlu/features.js';

describe('textFeatures', () => {
  it('reads a Chinese A-not-A question as the thing asked about, not as its negation', () => {
    const features = textFeatures('这台还保不保修');
    expect(features).toContain('q:a-not-a');
    expect(features).toContain('c:保修');
    expect(features).not.toContain('c:不保修');
    expect(textFeatures('能不能用')).not.toContain('c:不能用');
    expect(textFeatures('有没有信号')).toEqual(expect.arrayContaining(['c:有信号', 'q:a-not-a']));
  });

  it('keeps a plain negation', () => {
    const features = textFeatures('打印机不能用了');
    expect(features).toContain('c:不能用');
    expect(features).not.toContain('q:a-not-a');
  });

  it('gives English words, word pairs and in-word n-grams, and digits one shape', () => {
    const features = textFeatures('Printer jammed, SR-2611-0042');
    expect(features).toEqual(
      expect.arrayContaining(['w:printer', 'b:printer jammed', 'g:<jam', 'w:0000', 'w:sr']),
    );
  });
});
