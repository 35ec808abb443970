/**
 * Slot extraction: pure functions that find values in a customer's message (Chinese or English) and
 * return them with their span, so the engine can fill several slots from one message and cut each
 * value out. Run `normalizeText` first and extract from its result.
 */
export { chineseNumeral } from './chinese-numeral.js';
export { type DetectedLanguage, detectLanguage } from './detect-language.js';
export { type ExtractAddressOptions, extractAddress } from './extract-address.js';
export { type DateValue, type ExtractDateOptions, extractDate } from './extract-date.js';
export { extractEmail } from './extract-email.js';
export { extractNumber } from './extract-number.js';
export { type ExtractPhoneOptions, extractPhone, regionOfNumber } from './extract-phone.js';
export { DEFAULT_SERIAL_KEYWORDS, type ExtractSerialOptions, extractSerial } from './extract-serial.js';
export { findKeyword } from './find-keyword.js';
export type { Found } from './found.js';
export { isShouting } from './is-shouting.js';
export { type ChoiceOptionLike, type MatchChoiceOptions, matchChoice } from './match-choice.js';
export { normalizeText } from './normalize-text.js';
export { parseYesNo } from './parse-yes-no.js';
