import { foldForMatch } from './fold.js';
import type { Found } from './found.js';

// Answers that are neither yes nor no, checked first: "不知道" starts with 不, "not sure" with not.
const UNSURE_ZH = [
  '不知道',
  '不清楚',
  '不确定',
  '不太清楚',
  '不记得',
  '忘了',
  '也许',
  '可能',
  '大概',
  '说不准',
  '不一定',
];
const UNSURE_EN = [
  'not sure',
  "i'm not sure",
  'i am not sure',
  "don't know",
  'dont know',
  "i don't know",
  'i dont know',
  'no idea',
  'maybe',
  'not certain',
  'perhaps',
];

const YES_ZH = [
  '是的',
  '是',
  '对的',
  '对',
  '好的',
  '好',
  '可以',
  '行',
  '嗯',
  '恩',
  '有',
  '同意',
  '没错',
  '没问题',
  '不错',
  '解决了',
  '已解决',
  '好了',
  '修好了',
  '正确',
  '确认',
  '要',
  '需要',
  '当然',
];
const NO_ZH = [
  '不是',
  '不',
  '否',
  '没有',
  '没',
  '不行',
  '不可以',
  '不用',
  '不要',
  '不需要',
  '不同意',
  '不对',
  '还是不行',
  '还不行',
  '没解决',
  '未解决',
  '还没好',
  '没好',
  '还是坏的',
  '错',
];
// Strong words are an answer whatever follows ("yes it was dropped"); weak ones only when nothing
// but punctuation follows, since "right now it's off" or "not working yet" say something else.
const STRONG_YES_EN = [
  'yes',
  'yeah',
  'yep',
  'yup',
  'ok',
  'okay',
  'sure',
  'of course',
  'yes please',
  'no problem',
  'no worries',
];
const STRONG_NO_EN = ['no', 'nope', 'nah', 'no thanks', 'no way'];
const WEAK_YES_EN = [
  'y',
  'ya',
  'correct',
  'right',
  'agree',
  'i agree',
  'fixed',
  "it's fixed",
  'it is fixed',
  'it works',
  'it worked',
  'that worked',
  'works',
  'working',
  "it's working",
  'true',
  'affirmative',
  'absolutely',
  'definitely',
  "that's right",
  "that's correct",
  'sounds good',
  'done',
  'solved',
  'resolved',
  'fixed it',
  'works now',
  'it works now',
  'working now',
];
const WEAK_NO_EN = [
  'n',
  'not',
  "don't",
  'dont',
  "didn't",
  'didnt',
  'negative',
  'never',
  'still broken',
  "didn't work",
  'did not work',
  "doesn't work",
  'does not work',
  'not working',
  'still not working',
  'not fixed',
  'not yet',
  'no luck',
  "didn't help",
  'incorrect',
  'wrong',
  'false',
  'disagree',
  'not really',
];

// What may follow a Chinese answer word: end, punctuation or a sentence particle ("是的呀", "不行啊").
const ZH_TAIL = /^(?:$|[\s\p{P}\p{S}]|[的啊呀吧呢哦噢嗯了啦哈滴呗])/u;
const EN_PUNCT_TAIL = /^\s*(?:$|[\p{P}\p{S}])/u;
const LEAD = /^[\s\p{P}\p{S}]*/u;

type Entry = { word: string; value: boolean | null; strong: boolean };

const ZH_ENTRIES: Entry[] = [
  ...UNSURE_ZH.map((word) => ({ word, value: null, strong: false })),
  ...YES_ZH.map((word) => ({ word, value: true, strong: false })),
  ...NO_ZH.map((word) => ({ word, value: false, strong: false })),
].sort((a, b) => b.word.length - a.word.length);
const EN_ENTRIES: Entry[] = [
  ...UNSURE_EN.map((word) => ({ word, value: null, strong: false })),
  ...STRONG_YES_EN.map((word) => ({ word, value: true, strong: true })),
  ...STRONG_NO_EN.map((word) => ({ word, value: false, strong: true })),
  ...WEAK_YES_EN.map((word) => ({ word, value: true, strong: false })),
  ...WEAK_NO_EN.map((word) => ({ word, value: false, strong: false })),
].sort((a, b) => b.word.length - a.word.length);

function leadingZh(rest: string): Entry | null {
  for (const entry of ZH_ENTRIES) if (rest.startsWith(entry.word)) return entry;
  return null;
}

function leadingEn(rest: string): Entry | null {
  for (const entry of EN_ENTRIES) {
    if (!rest.startsWith(entry.word) || /[a-z0-9']/.test(rest[entry.word.length] ?? '')) continue;
    return entry;
  }
  return null;
}

/** Chinese: the answer word must end the clause, or be followed by a particle or by more of the same. */
// "好?" or "fixed it?" asks rather than answers.
const QUESTION = /^\s*\?/u;

function zhAnswer(rest: string): Entry | null {
  const entry = leadingZh(rest);
  if (!entry || entry.value === null) return null;
  const tail = rest.slice(entry.word.length);
  if (QUESTION.test(tail)) return null;
  if (ZH_TAIL.test(tail)) return entry;
  // "好的好的", "对对对": repeated agreement.
  const again = leadingZh(tail);
  return again && again.value === entry.value && zhAnswer(tail) ? entry : null;
}

function enAnswer(rest: string): Entry | null {
  const entry = leadingEn(rest);
  if (!entry || entry.value === null) return null;
  const tail = rest.slice(entry.word.length);
  if (QUESTION.test(tail)) return null;
  // Single letters ("y", "n") only as the whole answer.
  if (entry.word.length === 1) return /^[\s\p{P}]*$/u.test(tail) ? entry : null;
  return entry.strong || EN_PUNCT_TAIL.test(tail) ? entry : null;
}

/**
 * Reads a yes/no answer at the start of a message: "是的，去年买的" and "yes it was dropped" are yes,
 * "不是", "没有", "still broken" are no. Negations are tried before the words they contain, unsure
 * answers ("不知道", "not sure") and numbers ("1", "2") give null, and so does anything where the word
 * is not clearly the answer ("好像不行", "right now it's off").
 */
export function parseYesNo(text: string): Found<boolean> | null {
  const folded = foldForMatch(text);
  const start = LEAD.exec(folded)?.[0].length ?? 0;
  const rest = folded.slice(start, start + 200);
  const entry = /^[a-z]/.test(rest) ? enAnswer(rest) : zhAnswer(rest);
  if (entry && entry.value !== null) return { value: entry.value, start, end: start + entry.word.length };
  return echoedNo(folded);
}

// A short answer that denies by echoing the question ("没摔过", "从来没拆过", "It has never been
// dropped") or reports that nothing changed ("试过了，还是不行", "I tried everything, still not working").
const ECHO_NO_ZH =
  /^[\s\p{P}]*(?:从来没有|从来没|从没|从未|没有|没|未)(?:被|让|给)?[\p{Script=Han}]{1,6}(?:过|到)?[\s\p{P}]*$/u;
const STILL_NO_ZH = /还是不行|还是没用|还是坏|还不行|没有用|没用|不管用|没效果|没反应/u;
const NEVER_EN = /\b(?:never|not once)\b/u;
const STILL_NO_EN =
  /\b(?:still (?:not|doesn'?t|does not|won'?t|broken|the same|dead)|didn'?t (?:help|work|fix)|did not (?:help|work|fix)|not fixed|no change|no luck)\b/u;
const SHORT_ANSWER_WORDS = 10;
const SHORT_ANSWER_CHARS = 20;

function echoedNo(folded: string): Found<boolean> | null {
  const trimmed = folded.trim();
  if (!trimmed) return null;
  const start = folded.indexOf(trimmed);
  const found = (at: number, length: number): Found<boolean> => ({
    value: false,
    start: start + at,
    end: start + at + length,
  });
  if (/\p{Script=Han}/u.test(trimmed)) {
    if ([...trimmed].length > SHORT_ANSWER_CHARS) return null;
    // "没有坏", "没好": a state, not a denied action — too ambiguous to read as an answer.
    if (ECHO_NO_ZH.test(trimmed) && !/没有?[坏好用事]/u.test(trimmed)) return found(0, trimmed.length);
    const still = STILL_NO_ZH.exec(trimmed);
    return still ? found(still.index, still[0].length) : null;
  }
  if (trimmed.split(/\s+/).length > SHORT_ANSWER_WORDS) return null;
  const match = NEVER_EN.exec(trimmed) ?? STILL_NO_EN.exec(trimmed);
  return match ? found(match.index, match[0].length) : null;
}
