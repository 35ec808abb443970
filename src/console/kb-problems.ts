/**
 * A knowledge-base entry's problems in the staff member's language. The schema speaks English
 * (`steps.2.zh: the Chinese text is empty`); a Chinese-speaking supervisor reads "步骤 3（中文）：中文内容为空".
 */
import type { ConsoleLang } from './i18n.js';

const FIELDS: Record<string, string> = {
  id: '编号',
  categories: '产品类别',
  title: '标题',
  keywords: '关键词',
  parts: '部件',
  steps: '步骤',
  staffSteps: '员工步骤',
};

const MESSAGES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^the Chinese text is empty$/, () => '中文内容为空'],
  [/^the English text is empty$/, () => '英文内容为空'],
  [/^list at least one Chinese keyword$/, () => '请至少填写一个中文关键词'],
  [/^list at least one English keyword$/, () => '请至少填写一个英文关键词'],
  [/^name at least one category$/, () => '请至少选择一个产品类别'],
  [/^give at least 3 steps$/, () => '请至少给出 3 个步骤'],
  [/^keep it short: at most (\d+) (?:staff )?steps$/, (m) => `请精简：最多 ${m[1]} 个步骤`],
  [/^is too short to be a keyword/, () => '太短，不能作关键词：中文至少 2 个字，英文至少 3 个字母'],
  [/^must be lower_snake_case/, () => '只能用小写字母、数字和下划线，并以字母开头'],
  [/^unknown category (.*?) \(known: (.*)\)$/, (m) => `未知的产品类别 ${m[1]}（可选：${m[2]}）`],
  [/^"(.*)" is already in flows\/kb\/$/, (m) => `“${m[1]}”已存在于 flows/kb/ 中`],
  [
    /^these are the engineer's repair actions/,
    () => '这些步骤来自工程师的维修操作：请说明客户能否照做，或仅供员工参考',
  ],
];

/** `steps.2.zh` → 步骤 3（中文）. */
function fieldName(path: string): string {
  return path
    .split('.')
    .map((part) =>
      /^\d+$/.test(part)
        ? ` ${Number(part) + 1}`
        : part === 'zh'
          ? '（中文）'
          : part === 'en'
            ? '（英文）'
            : (FIELDS[part] ?? part),
    )
    .join('');
}

export function kbProblemIn(lang: ConsoleLang, problem: string): string {
  if (lang === 'en') return problem;
  const split = /^([\w.]+): (.*)$/s.exec(problem);
  const [path, message] = split ? [split[1]!, split[2]!] : [null, problem];
  const found = MESSAGES.map(([pattern, say]) => {
    const m = pattern.exec(message);
    return m ? say(m) : null;
  }).find((text) => text !== null);
  const text = found ?? message;
  return path ? `${fieldName(path)}：${text}` : text;
}
