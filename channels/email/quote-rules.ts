/**
 * Only the new text of a mail reaches the engine: quoted history, signatures and "sent from my phone"
 * lines are cut here, in one place, one rule per client. English clients (Thunderbird, Apple Mail,
 * Gmail, mutt: "On … wrote:"; Outlook: "-----Original Message-----" or a From:/Sent: block) and the
 * Chinese clients our customers use (QQ Mail, Coremail 163/126, Outlook zh-CN, Gmail zh, Foxmail,
 * Thunderbird zh). Patterns come from real mail (see the per-client tests).
 */

/** A line that starts quoted history on its own: everything from it on is history. */
const SEPARATOR_LINES: ReadonlyArray<{ client: string; pattern: RegExp }> = [
  // QQ Mail "------------------ 原始邮件 ------------------", Coremail "-----原始邮件-----".
  { client: 'qq-coremail', pattern: /^\s*-{3,}\s*原始邮件\s*-{3,}\s*$/u },
  // Outlook zh-CN desktop.
  { client: 'outlook-zh', pattern: /^\s*-{3,}\s*邮件原件\s*-{3,}\s*$/u },
  // Outlook (EN) and clients copying it.
  { client: 'outlook-en', pattern: /^\s*-{3,}\s*Original Message\s*-{3,}\s*$/i },
  // Foxmail / Coremail web "------------------原始邮件------------------" already covered; Foxmail EN:
  { client: 'foxmail-en', pattern: /^\s*-{3,}\s*Original\s*-{3,}\s*$/i },
];

/**
 * A header line ending with "wrote:": Gmail zh "张三 <a@b> 于2021年4月7日周三 下午3:51写道：", Thunderbird
 * zh "在 2021/5/17 9:34, x 写道:", English "On Thu, Mar 11, 2021 at 8:03 PM, x wrote:". Clients wrap long
 * ones, so up to three lines are joined before matching.
 */
const WROTE_HEADERS: ReadonlyArray<{ first: RegExp; whole: RegExp }> = [
  // Gmail zh starts with the sender's name and address.
  { first: /[<@]|于\s*\d{4}/u, whole: /^.{0,200}于\s*\d{4}\s*年.{0,80}写道\s*[:：]\s*$/su },
  { first: /^\s*在\s/u, whole: /^\s*在\s*.{0,200}写道\s*[:：]\s*$/su },
  { first: /^\s*On\s/i, whole: /^\s*On\s.{0,300}\swrote\s*:\s*$/is },
  { first: /^\s*Le\s/, whole: /^\s*Le\s.{0,300}\sa écrit\s*:\s*$/is },
  { first: /^\s*Am\s/, whole: /^\s*Am\s.{0,300}\sschrieb\s.{0,100}:\s*$/is },
];

/** An Outlook-style header block: "From:/发件人:" followed closely by "Sent:/发送时间:/Date:/日期:". */
const BLOCK_FROM = /^\s*\**\s*(?:From|发件人)\s*\**\s*[:：]/iu;
const BLOCK_NEXT = /^\s*\**\s*(?:Sent|Date|To|Subject|发送时间|时间|日期|收件人|主题)\s*\**\s*[:：]/iu;
/** Outlook draws a line of underscores above the From: block. */
const UNDERSCORES = /^\s*_{10,}\s*$/;

/** A signature separator: "-- " (RFC 3676 §4.3), often trimmed to "--" by clients. */
const SIGNATURE = /^--\s?$/;

/** "Sent from my iPhone" and friends, in both languages: dropped wherever they stand. */
const SENT_FROM: readonly RegExp[] = [
  /^\s*Sent from my \S+.*$/i,
  /^\s*Sent from (?:Mail|Outlook|Yahoo Mail) for .*$/i,
  /^\s*Get Outlook for \S+.*$/i,
  /^\s*发自我的\s*\S*\s*$/u,
  /^\s*从我的\s*\S+\s*发送\s*$/u,
  /^\s*发自(?:网易邮箱大师|网易邮箱|QQ邮箱|手机QQ邮箱|新浪邮箱|iPhone|iPad|HUAWEI|华为手机|小米手机).*$/iu,
  /^\s*来自\s*(?:QQ邮箱|网易邮箱大师|我的iPhone).*$/iu,
];

function isWroteHeader(lines: readonly string[], at: number): boolean {
  const first = lines[at]!;
  for (const { first: starts, whole } of WROTE_HEADERS) {
    if (!starts.test(first)) continue;
    for (let span = 1; span <= 3 && at + span <= lines.length; span++) {
      if (whole.test(lines.slice(at, at + span).join(' '))) return true;
    }
  }
  return false;
}

function isHeaderBlock(lines: readonly string[], at: number): boolean {
  let start = at;
  if (UNDERSCORES.test(lines[at] ?? '')) start = at + 1;
  if (!BLOCK_FROM.test(lines[start] ?? '')) return false;
  // Two more header lines within the next five make it a quoted header, not a sentence "From: …".
  const following = lines.slice(start + 1, start + 6).filter((line) => BLOCK_NEXT.test(line));
  return following.length >= 2;
}

/** Where the quoted history starts (index of the first history line), or the line count. */
function historyStart(lines: readonly string[]): number {
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at]!;
    if (SEPARATOR_LINES.some(({ pattern }) => pattern.test(line))) return at;
    if (isWroteHeader(lines, at) || isHeaderBlock(lines, at)) return at;
    if (SIGNATURE.test(line)) return at;
  }
  return lines.length;
}

/**
 * The new text of a reply: everything above the quoted history and the signature, without `>`-quoted
 * lines and "sent from" lines. A mail that is all quote gives ''.
 */
export function newTextOf(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines
    .slice(0, historyStart(lines))
    .filter((line) => !/^\s*>/.test(line))
    .filter((line) => !SENT_FROM.some((pattern) => pattern.test(line)));
  return kept
    .join('\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
