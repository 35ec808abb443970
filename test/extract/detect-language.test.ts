import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/engine/extract/index.js';

describe('detectLanguage', () => {
  it.each([
    '我的电脑坏了',
    '我的ThinkPad坏了',
    '我的ThinkPad X1 Carbon坏了',
    '序列号PF2ABC12，去年3月买的',
    '好',
    'hi 你好',
    '打印机 HP LaserJet Pro M404dn 卡纸',
  ])('zh: %s', (text) => {
    expect(detectLanguage(text)).toBe('zh');
  });

  it.each([
    "My laptop won't turn on",
    'yes',
    'ok',
    'no',
    'Y',
    'PF2ABC12',
    'HP LaserJet',
    'Mi 11',
    'I bought it in 北京',
    'The café wifi broke my laptop',
    'José here, my printer is broken',
  ])('en: %s', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each([
    ['Spanish', 'Mi computadora no funciona'],
    ['Spanish with an English tech word', 'mi laptop no funciona'],
    ['Spanish greeting', 'Hola'],
    ['French', 'Mon ordinateur ne marche pas'],
    ['German', 'Mein Laptop ist kaputt'],
    ['Italian', 'Il mio computer non funziona'],
    ['Portuguese', 'Meu computador não liga'],
    ['Vietnamese', 'Máy tính của tôi bị hỏng'],
    ['Japanese', 'パソコンが壊れました'],
    ['Japanese with kanji', '電源が入りません'],
    ['Korean', '노트북이 고장났어요'],
    ['Russian', 'Мой ноутбук не работает'],
    ['Arabic', 'الحاسوب لا يعمل'],
    ['Thai', 'คอมพิวเตอร์เสีย'],
    ['Hindi', 'मेरा लैपटॉप खराब है'],
  ])('other: %s', (_name, text) => {
    expect(detectLanguage(text)).toBe('other');
  });

  it.each(['', '   ', '2', '13800138000', '😀😀', '!!!', '？？', '👍'])('none: %j', (text) => {
    expect(detectLanguage(text)).toBe('none');
  });
});
