/**
 * The district of an address, for grouping visits: 浦东新区 in "上海市浦东新区张江路88号", 海淀区 in
 * "北京市海淀区中关村大街1号", 南山区 in "广东省深圳市南山区…", "Pudong District" in English. An address
 * whose district cannot be read groups by its first part (up to the first comma) — or not at all.
 */
const CHINESE = /^([\u4e00-\u9fff]{1,6}?(?:新区|区|县|旗))/;
const ENGLISH = /([A-Za-z][A-Za-z\s-]{1,30}?)\s+(District|County)\b/i;

export function districtOf(address: string | null | undefined): string | null {
  const text = (address ?? '').trim();
  if (!text) return null;
  // After the province and the city: 广东省深圳市南山区 → 南山区.
  const rest = text.replace(/^.*?(?:省|自治区)/, '').replace(/^[^区县]*?市/, '');
  const zh = CHINESE.exec(rest);
  if (zh) return zh[1]!;
  const en = ENGLISH.exec(text);
  if (en) return `${en[1]!.trim()} ${en[2]![0]!.toUpperCase()}${en[2]!.slice(1).toLowerCase()}`;
  const first = text.split(/[,，]/)[0]!.trim();
  return first && first !== text ? first : null;
}
