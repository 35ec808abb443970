/**
 * Product names typed wrong: English typos within one edit ("prnter", "laptp", "moniter", "pritner"),
 * a name split in two ("lap top", "mac book"), and Chinese typed by pinyin input with the wrong
 * character of the same sound ("电恼", "打印鸡", "笔记笨", "显示气", "平版"). Used only when no name
 * matched exactly, and only for the names of a choice.
 */

/**
 * Characters typed for the ones in product names by sound (the pinyin input method offers both):
 * each variant folds to the character the names use. Length-preserving, so spans stay right. Not
 * 几, 是, 事: "到手几天", "明显是" would turn into product names.
 */
const SAME_SOUND: Readonly<Record<string, string>> = {
  机: '鸡积基击姬',
  脑: '恼闹瑙',
  器: '气汽起弃',
  仪: '议宜移疑义',
  本: '笨奔',
  板: '版扳',
  由: '油游邮尤',
  示: '视',
  务: '物误雾',
  换: '唤幻患',
  影: '映颖',
  记: '纪计技',
  电: '点店垫',
  式: '试',
  显: '现险',
  路: '露录陆',
  服: '福付',
  印: '应',
};
const FOLD = new Map<string, string>(
  Object.entries(SAME_SOUND).flatMap(([canonical, variants]) => [...variants].map((v) => [v, canonical])),
);

/** `text` with same-sound variants of product-name characters folded to them (same length). */
export function foldSameSound(text: string): string {
  let out = '';
  for (const ch of text) out += FOLD.get(ch) ?? ch;
  return out;
}

/**
 * Real words one edit from a product name: "table" is not a tablet, "sever" not a server, "pointer"
 * not a printer.
 */
const REAL_WORDS = new Set([
  'table',
  'tables',
  'serve',
  'served',
  'serves',
  'sever',
  'route',
  'routes',
  'routed',
  'outer',
  'copies',
  'copied',
  'scanned',
  'printed',
  'pointer',
  'painter',
  'sprinter',
  'protector',
  'shone',
  'prone',
  'phony',
  'twitch',
  'swatch',
  'monitors',
]);

/** Damerau–Levenshtein distance (adjacent swaps count one), or `max + 1` once it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * Is `typed` a typo of the product name `name` (both lower case, Latin)? Same first letter (typos
 * rarely change it), one edit (two for names of eight letters or more), not a real word near it.
 */
export function isTypoOf(typed: string, name: string): boolean {
  if (typed.length < 4 || name.length < 5 || typed === name || typed[0] !== name[0]) return false;
  if (REAL_WORDS.has(typed)) return false;
  return editDistance(typed, name, name.length >= 8 ? 2 : 1) <= (name.length >= 8 ? 2 : 1);
}
