/** What a message is written in; `none` when it has no letters at all (emoji, digits, punctuation). */
export type DetectedLanguage = 'zh' | 'en' | 'other' | 'none';

// Function words of the Latin-script languages customers most often write in besides English. Words
// that are also English ("a", "no", "on", "come", "hat") or common tech tokens ("os", "se", "um") are
// left out, so short English answers and model names never look foreign.
const FOREIGN_WEAK = new Set(
  (
    'el la los las del que un una es mi por para con esta pero muy tengo tiene cuando porque mis su sus al le yo ' +
    'les des du une est et je mon ma mes ne pas pour avec dans ce cette il elle nous vous qui sur au aux mais ' +
    'der die das und ist nicht ich mein meine ein eine mit den dem zu von habe sich auf auch wie wir ' +
    'os do da dos das meu minha uma com ele ela mas ' +
    'gli di che non mio mia sono ho della questo anche si'
  ).split(' '),
);
// Words that alone show the message is not English (greetings, thanks, "works", "computer").
const FOREIGN_STRONG = new Set(
  (
    'hola gracias funciona computadora ordenador pantalla ayuda bonjour merci ordinateur fonctionne marche ' +
    'hallo danke bitte kaputt funktioniert bildschirm nein obrigado obrigada computador tela ciao grazie ' +
    'schermo buongiorno buenos buenas oui'
  ).split(' '),
);
const ENGLISH = new Set(
  (
    "the a an is are was were be been my your it its it's i i'm not and or to of in on at for with this that " +
    "have has had do does did don't doesn't didn't can can't cannot won't will would please hi hello thanks " +
    'thank you me we our when what how why from but if so just still after since ago here there yes no ok okay'
  ).split(' '),
);

const LETTER = /\p{L}/gu;
const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LATIN = /\p{Script=Latin}/gu;
const LATIN_WORD = /\p{Script=Latin}+(?:'\p{Script=Latin}+)?/gu;
const ACCENTED = /[\u00C0-\u024F\u1E00-\u1EFF]/;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Guesses the language of a customer message: `zh` when Han characters carry the message (even with
 * product names in Latin letters: "我的ThinkPad坏了"), `en` for English, `other` for any third language
 * (kana, Hangul, Cyrillic, Arabic…, or clearly Spanish/French/German/Portuguese/Italian/Vietnamese),
 * `none` without letters — the engine then keeps the conversation's language.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const letters = count(text, LETTER);
  if (letters === 0) return 'none';
  const han = count(text, HAN);
  const kana = count(text, KANA);
  const latin = count(text, LATIN);
  const words = (text.match(LATIN_WORD) ?? []).map((w) => w.toLowerCase());
  const others = letters - han - kana - latin;
  const cjk = han + kana;
  // A Latin product name counts as one word, not as its letters, against the Han characters around it.
  const cjkCarries = cjk / letters >= 0.3 || (cjk >= 2 && cjk >= words.length);
  if (cjkCarries && cjk >= others) {
    const japanese = kana >= 2 || (kana >= 1 && kana * 4 >= cjk);
    return japanese ? 'other' : 'zh';
  }
  if (others > 0 && others >= latin) return 'other';
  if (latin === 0) return han > 0 ? 'zh' : 'other';
  return looksForeignLatin(words) ? 'other' : 'en';
}

function looksForeignLatin(words: string[]): boolean {
  let english = 0;
  let weak = 0;
  let strong = 0;
  for (const word of words) {
    if (ENGLISH.has(word)) english++;
    else if (FOREIGN_STRONG.has(word) || ACCENTED.test(word)) strong++;
    else if (FOREIGN_WEAK.has(word)) weak++;
  }
  if (strong >= 1 && english === 0) return true;
  return strong + weak >= 2 && strong + weak > english;
}
