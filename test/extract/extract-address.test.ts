import { describe, expect, it } from 'vitest';
import { extractAddress } from '../../src/engine/extract/index.js';

function address(text: string, asked: boolean) {
  const found = extractAddress(text, { asked });
  if (!found) return null;
  expect(text.slice(found.start, found.end).trim()).toBe(found.value);
  return found.value;
}

describe('extractAddress: when not asked, only clear addresses', () => {
  it.each([
    ['北京市海淀区中关村大街27号', '北京市海淀区中关村大街27号'],
    ['我住在北京市海淀区中关村大街27号，电脑坏了', '北京市海淀区中关村大街27号'],
    ['地址：上海市浦东新区张江路100号3号楼501室', '上海市浦东新区张江路100号3号楼501室'],
    ['请到深圳市南山区科技园科苑路15号3栋2单元502，谢谢', '深圳市南山区科技园科苑路15号3栋2单元502'],
    ['广东省深圳市南山区科技园', '广东省深圳市南山区'],
    ['中关村大街27号', '中关村大街27号'],
    ['12 Main Street, Springfield, IL 62701', '12 Main Street, Springfield, IL 62701'],
    ['ship to 5 Baker St, London please', '5 Baker St, London'],
    [
      'I live at 1600 Pennsylvania Avenue NW, Washington, DC 20500 and my laptop broke',
      '1600 Pennsylvania Avenue NW, Washington, DC 20500',
    ],
    ['Send the engineer to 221B Baker Street', '221B Baker Street'],
    ['42 Elm Rd., Apt 5, Cambridge', '42 Elm Rd., Apt 5, Cambridge'],
  ])('%s', (text, value) => {
    expect(address(text, false)).toBe(value);
  });

  it.each([
    '',
    '我不知道序列号',
    '我在市区上班',
    '型号是T14，3号买的',
    '我的ThinkPad X1 序列号PF2ABC12 去年3月买的，开不了机',
    'is there 1 more way to fix it',
    'I bought 2 laptops on the street',
    'my laptop is broken',
    '北京',
  ])('not an address: %j', (text) => {
    expect(extractAddress(text, { asked: false })).toBeNull();
  });
});

describe('extractAddress: when asked, the answer is the address', () => {
  it.each([
    ['北京海淀', '北京海淀'],
    ['  海淀区中关村  ', '海淀区中关村'],
    ['我的地址是北京市朝阳区建国路88号', '北京市朝阳区建国路88号'],
    ['地址：朝阳区建国路88号。', '朝阳区建国路88号'],
    ['no, it is 5 Main St', '5 Main St'],
    ['My address is Flat 3, 10 Downing Street', 'Flat 3, 10 Downing Street'],
    ['Room 501, Building 3', 'Room 501, Building 3'],
  ])('%s', (text, value) => {
    expect(address(text, true)).toBe(value);
  });

  it.each(['', '是的', '好的', 'yes', 'no', '12345', '3', 'abc', '😀😀😀😀', '。。。。'])(
    'not an address: %j',
    (text) => {
      expect(extractAddress(text, { asked: true })).toBeNull();
    },
  );
});
