/**
 * The case timeline in people's words: messages and notes as written, staff actions as sentences
 * ("alice took the case"), and what the bot and the system did folded under a toggle, so the
 * conversation reads first. Event lines come from the event's name and values, never from the
 * engine's own text (`fault_report (evidence, 0.89)`); an event with no sentence yet shows its text
 * with times turned local.
 */
import type { TranscriptEntry } from '../../cases/types.js';
import type { CaseLabels } from '../case-labels.js';
import { type Html, html } from '../html.js';
import { localTime, type PageContext } from './layout.js';

const CHANNEL_NAMES: Record<string, { en: string; zh: string }> = {
  sms: { en: 'SMS', zh: '短信' },
  email: { en: 'Email', zh: '邮件' },
  chat: { en: 'Chat', zh: '在线聊天' },
  voice: { en: 'Phone', zh: '电话' },
};

export function channelName(ctx: PageContext, channel: string): string {
  return CHANNEL_NAMES[channel]?.[ctx.lang] ?? channel;
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;

/** Times inside a line become the business zone's `YYYY-MM-DD HH:mm`. */
export function localTimes(ctx: PageContext, text: string): string {
  return text.replace(ISO, (iso) => localTime(ctx, iso));
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

const str = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? '' : String(value);

/** The values an event's sentence takes, from its meta (and, for older lines, its text). */
function eventValues(ctx: PageContext, labels: CaseLabels, entry: TranscriptEntry): Record<string, string> {
  const meta = entry.meta ?? {};
  const c = ctx.w.c;
  const window = meta.window as { start?: string; end?: string } | undefined;
  const rule = str(meta.rule);
  const ruleKey = rule.split(':')[0] as keyof typeof c.ruleName;
  const decision = /^(\w+) \(/.exec(entry.text)?.[1] as keyof typeof c.decisionName | undefined;
  const to = str(meta.to);
  const time = (value: unknown) => (typeof value === 'string' && value ? localTime(ctx, value) : '');
  return {
    intent: labels.intent(str(meta.intent)),
    decision: (decision && c.decisionName[decision]) || decision || '',
    rule: c.ruleName[ruleKey] ?? rule,
    team: str(meta.team),
    priority: c.priorityName[meta.priority as keyof typeof c.priorityName] ?? str(meta.priority),
    due: time(meta.due),
    staff: str(meta.staff) || str(entry.author),
    by: str(entry.author) || ctx.w.bot,
    to: to.includes('@') ? to : to || str(meta.team),
    engineer: str(meta.engineer),
    start: time(window?.start),
    end: time(window?.end),
    eta: time(meta.eta),
    score: str(meta.score),
    // What staff typed with the event (the absent customer's note) stays in the line.
    note: / \((.+)\)$/.exec(entry.text)?.[1] ?? '',
  };
}

export function eventLine(ctx: PageContext, labels: CaseLabels, entry: TranscriptEntry): string {
  const name = str(entry.meta?.event);
  const events = ctx.w.c.events as Record<string, string>;
  const template = events[name];
  return template ? fill(template, eventValues(ctx, labels, entry)) : localTimes(ctx, entry.text);
}

/** A staff member's action is part of the story; the bot's and the system's bookkeeping is folded. */
export function isSystemEvent(entry: TranscriptEntry): boolean {
  return entry.kind === 'event' && (!entry.author || entry.author === 'bot' || entry.author === 'system');
}

export function who(ctx: PageContext, entry: TranscriptEntry): string {
  const { w } = ctx;
  const author = (entry.author ?? '').replace(/^staff:/, '');
  if (entry.kind === 'in') return w.customer;
  if (entry.kind === 'note') return `${w.note} · ${author}`;
  if (entry.kind === 'event') return w.event;
  return !author || author === 'bot' || author === 'system' ? w.bot : `${w.staff} · ${author}`;
}

/**
 * Only web links and this app's own paths become links (a `javascript:` URL from a provider must not
 * be clickable); an image kept by the app gets a preview (the CSP loads images from the app only).
 */
function attachments(ctx: PageContext, entry: TranscriptEntry): Html {
  const list = entry.meta?.attachments;
  if (!Array.isArray(list)) return html``;
  return html`${list.map((item: { url?: unknown; filename?: unknown; contentType?: unknown }) => {
    const url = typeof item.url === 'string' ? item.url : '';
    const label = typeof item.filename === 'string' && item.filename ? item.filename : url;
    const own = /^\/(?!\/)/.test(url);
    if (!own && !/^https?:\/\//i.test(url)) return html`<div>${ctx.w.attachment}: ${label}</div>`;
    const image = own && typeof item.contentType === 'string' && item.contentType.startsWith('image/');
    return html`<div>${ctx.w.attachment}: <a href="${url}" rel="noopener noreferrer" target="_blank">${label}</a>${
      image ? html`<br><img class="preview" src="${url}" alt="${label}">` : ''
    }</div>`;
  })}`;
}

function item(ctx: PageContext, labels: CaseLabels, entry: TranscriptEntry): Html {
  const channel = entry.channel ? ` · ${channelName(ctx, entry.channel)}` : '';
  const text = entry.kind === 'event' ? eventLine(ctx, labels, entry) : entry.text;
  return html`<li class="${entry.kind}">
<span class="who">${who(ctx, entry)}</span><span class="when">${localTime(ctx, entry.at)}${channel}</span>
<div class="text">${text}</div>${attachments(ctx, entry)}</li>`;
}

/** Runs of system events become one folded item; everything else is one item each. */
export function timelineItems(ctx: PageContext, labels: CaseLabels, transcript: TranscriptEntry[]): Html {
  const out: Html[] = [];
  let run: TranscriptEntry[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const count = run.length;
    out.push(html`<li class="system"><details><summary>${ctx.lang === 'zh' ? `${count} ${ctx.w.c.systemEvents}` : `${count} ${ctx.w.c.systemEvents}`}</summary>
<ol>${run.map((entry) => item(ctx, labels, entry))}</ol></details></li>`);
    run = [];
  };
  for (const entry of transcript) {
    if (isSystemEvent(entry)) {
      run.push(entry);
      continue;
    }
    flush();
    out.push(item(ctx, labels, entry));
  }
  flush();
  return html`${out}`;
}
