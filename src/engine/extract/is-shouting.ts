// Acronyms customers write in capitals without raising their voice.
const ACRONYMS = new Set(
  (
    'HP IBM USB HDMI VGA DVI CPU GPU SSD HDD RAM ROM LCD LED OLED PC TV OK SN ID OS UPS DVD CD LAN WAN VPN IP ' +
    'DNS AC DC BIOS UEFI WIFI WLAN NAS SMS PIN PDF IT AI AM PM FYI ASAP CEO POS UK US USA EU CN NFC MAC'
  ).split(' '),
);

/**
 * An angry all-capitals message ("MY LAPTOP IS STILL BROKEN"): at least two words of two or more Latin
 * letters and at least 80% of their letters upper-case. Tokens with digits (serials, models) and common
 * acronyms ("HP", "USB") are ignored, so "HP USB" or "PF2ABC12 X1" are not shouting.
 */
export function isShouting(text: string): boolean {
  let words = 0;
  let upper = 0;
  let letters = 0;
  for (const token of text.split(/[^\p{L}\p{N}'’-]+/u)) {
    if (!/^[A-Za-z'’-]+$/.test(token)) continue;
    const word = token.replace(/['’-]/g, '');
    if (word.length < 2 || ACRONYMS.has(word)) continue;
    words++;
    letters += word.length;
    upper += word.replace(/[^A-Z]/g, '').length;
  }
  return words >= 2 && upper >= letters * 0.8;
}
