import { describe, expect, it } from 'vitest';
import { isShouting } from '../../src/engine/extract/index.js';

describe('isShouting', () => {
  it.each([
    'MY LAPTOP IS STILL BROKEN',
    'FIX IT NOW!!!',
    'I NEED HELP',
    'THIS IS UNACCEPTABLE',
    'WHERE IS MY ENGINEER??? PF2ABC12',
    '我的电脑坏了 WHY DOES THIS HAPPEN',
  ])('shouting: %s', (text) => {
    expect(isShouting(text)).toBe(true);
  });

  it.each([
    '',
    'HP',
    'USB',
    'HP USB',
    'PF2ABC12 X1',
    'WHY',
    'I AM',
    'My HP LaserJet is broken',
    'my laptop is broken',
    'The USB and HDMI ports are dead',
    '我的电脑坏了',
    '😡😡😡',
    'SN PF2ABC12 T14',
    // Under 80% capitals: emphasis, not shouting.
    'STILL BROKEN after your fix',
  ])('not shouting: %j', (text) => {
    expect(isShouting(text)).toBe(false);
  });
});
