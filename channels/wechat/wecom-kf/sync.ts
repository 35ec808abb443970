/**
 * WeCom's callback only says "there is something new" (kf_msg_or_event, with a short-lived token); the
 * messages are pulled with `kf/sync_msg` from a cursor kept in the channel's store. The cursor moves on
 * only after a page's messages are recorded, so a process that dies mid-page reads them again and the
 * desk's dedupe on msgid keeps each once: none read twice into a case, none skipped across a restart.
 * One process pulls an account at a time (a lease); a callback during a pull makes it pull again.
 */

import type { KfLine } from './line.js';
import { type KfMessage, takeKfMessage } from './messages.js';

const LEASE_SECONDS = 60;
const PAGE = 1000;
const MAX_PAGES = 50;

interface SyncPage {
  next_cursor?: string;
  has_more?: number;
  msg_list?: KfMessage[];
}

async function pullAll(line: KfLine, openKfid: string, token: string | undefined): Promise<number> {
  const { store } = line.context;
  let taken = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const cursor = (await store.get<string>(`cursor:${openKfid}`)) ?? '';
    const answer = await line.api.call<SyncPage>('POST', '/cgi-bin/kf/sync_msg', {
      cursor,
      ...(token ? { token } : {}),
      limit: PAGE,
      open_kfid: openKfid,
    });
    for (const message of answer.msg_list ?? []) if (await takeKfMessage(line, message)) taken++;
    if (answer.next_cursor) await store.set(`cursor:${openKfid}`, answer.next_cursor);
    if (!answer.has_more) break;
  }
  return taken;
}

/** Pulls what is new for one customer-service account, unless another process is already at it. */
export async function syncAccount(line: KfLine, openKfid: string, token?: string): Promise<void> {
  const { store, logger } = line.context;
  await store.set(`sync-again:${openKfid}`, 1, LEASE_SECONDS);
  if (!(await store.claim(`sync-lease:${openKfid}`, 1, LEASE_SECONDS))) return;
  try {
    while (await store.get(`sync-again:${openKfid}`)) {
      await store.delete(`sync-again:${openKfid}`);
      const taken = await pullAll(line, openKfid, token);
      logger.info({ channel: 'wecom-kf', openKfid, taken }, 'wecom-kf messages pulled');
    }
  } finally {
    await store.delete(`sync-lease:${openKfid}`);
  }
}

/** Accounts seen so far, so a restarted process catches up on them. */
export async function rememberAccount(line: KfLine, openKfid: string): Promise<string[]> {
  const known = (await line.context.store.get<string[]>('accounts')) ?? [];
  if (!known.includes(openKfid)) await line.context.store.set('accounts', [...known, openKfid].slice(-50));
  return known;
}
