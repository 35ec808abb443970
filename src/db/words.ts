/**
 * The words of a text as the record indexes them: Chinese segmented with jieba in search mode (打印机
 * gives 打印, 印机 and 打印机, so a search for any of them finds it), everything else split as written.
 * The record stores `to_tsvector('simple', words)` together with PostgreSQL's English stemming of the
 * text; a search segments its query the same way (`searchWords`) before `plainto_tsquery('simple', …)`.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Words the default dictionary splits but a support desk means as one. */
const DOMAIN_WORDS = [
  '开不了机 1000 v',
  '卡纸 1000 v',
  '蓝屏 1000 v',
  '黑屏 1000 v',
  '死机 1000 v',
  '掉线 1000 v',
];

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  if (!jieba) {
    // Loading the dictionary takes ~150 ms: once per process, when the first text is indexed.
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(`${DOMAIN_WORDS.join('\n')}\n`));
  }
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;

/** The text's words for the index, space-separated (punctuation and spaces dropped). */
export function indexWords(text: string): string {
  if (!text) return '';
  return segmenter()
    .cutForSearch(text, true)
    .filter((token) => WORD.test(token))
    .join(' ');
}

/** A query's words, segmented the way indexWords segments what it indexes. */
export function searchWords(query: string): string {
  if (!query) return '';
  return segmenter()
    .cut(query, true)
    .filter((token) => WORD.test(token))
    .join(' ');
}
