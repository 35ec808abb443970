/**
 * `npm run docs:screenshots`: the two pictures on the README front page, taken from the running app.
 * Starts a private redis-server in a temporary folder and the app itself (`src/main.ts`, as `npm start`
 * runs it, on a free port), reads the first-start password the app prints for `admin`, then drives
 * Debian's chromium: a customer reports a fault in the web chat and asks for a person, three more write
 * through the web chat's API; `admin` signs in to the staff console and sees the cases waiting in the
 * queues. Writes docs/images/web-chat.png and docs/images/console.png.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chooseRedis } from '../../src/redis/embedded.js';
import { chromiumMissing, launchChromium, signInToConsole } from '../support/chromium.js';
import { freePort } from '../support/global-setup.js';

const IMAGES = 'docs/images';
const SEEN_MS = 20_000;
/** The business timezone of the shipped policy: the browsers show times as a customer in China sees them. */
const TIMEZONE = 'Asia/Shanghai';

interface RunningApp {
  base: string;
  password: string;
  stop(): Promise<void>;
}

/** Starts the app and waits for the first-start lines: the password is printed once, on stdout. */
async function startApp(redisUrl: string): Promise<RunningApp> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, REDIS_URL: redisUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let password: string | undefined;
  while (!password || !(await healthy(base))) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the app did not start within 60 s');
    password = /^\s+password: (\S+)$/m.exec(printed)?.[1];
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    base,
    password,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function healthy(base: string): Promise<boolean> {
  return fetch(`${base}/healthz`).then(
    (answer) => answer.ok,
    () => false,
  );
}

/** The customer: a fault report in one message, one answer by button, then a request for a person. */
async function chatAsCustomer(browser: Browser, base: string): Promise<void> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: TIMEZONE,
    viewport: { width: 440, height: 1100 },
  });
  const page = await context.newPage();
  await page.goto(`${base}/chat`);
  await page.locator('#log li.bot').first().waitFor({ timeout: SEEN_MS });
  await say(page, 'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago');
  await page.locator('#log .choices button', { hasText: 'No' }).last().click();
  await page.locator('#log li.bot').nth(2).waitFor({ timeout: SEEN_MS });
  await say(page, 'Can I talk to a person please?');
  await page.locator('#case-bar', { hasText: 'SR-' }).waitFor({ timeout: SEEN_MS });
  await page.locator('#log li.bot', { hasText: 'will reply by' }).waitFor({ timeout: SEEN_MS });
  await page.screenshot({ path: join(IMAGES, 'web-chat.png') });
  await context.close();
}

async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator('#log li.bot').count();
  await page.locator('#input').fill(text);
  await page.locator('#send').click();
  await page.locator('#log li.bot').nth(before).waitFor({ timeout: SEEN_MS });
}

/** More customers, through the web chat's HTTP API, so the queue holds what a morning's would. */
const OTHER_CUSTOMERS = [
  'My ThinkPad X1 will not turn on, serial PF2ABC12. I want to speak to an agent',
  'I am furious, the server crashed for the third time this month and nobody called me back!',
  'Our office router drops the connection every evening. Please let me talk to a human',
];

async function otherCustomersWrite(base: string): Promise<void> {
  for (const text of OTHER_CUSTOMERS) {
    const started = await postJson(`${base}/chat/api/conversations`, { locale: 'en-US' });
    const { id } = (await started.json()) as { id: string };
    await postJson(`${base}/chat/api/conversations/${id}/messages`, { text });
  }
}

async function postJson(url: string, body: unknown): Promise<Response> {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`${url}: ${answer.status} ${await answer.text()}`);
  return answer;
}

/** The staff member: signs in as admin and sees every team's queue, as it waits to be taken. */
async function queueAsStaff(browser: Browser, app: RunningApp): Promise<void> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: TIMEZONE,
    viewport: { width: 1360, height: 880 },
  });
  const page = await context.newPage();
  await signInToConsole(page, app.base, 'admin', app.password);
  const waiting = page.locator('#queue a[href^="/console/cases/"]');
  const expected = OTHER_CUSTOMERS.length + 1;
  for (const deadline = Date.now() + SEEN_MS; (await waiting.count()) < expected; ) {
    if (Date.now() > deadline)
      throw new Error(`${await waiting.count()} cases in the queues, not ${expected}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  await page.screenshot({ path: join(IMAGES, 'console.png') });
  await context.close();
}

async function main(): Promise<void> {
  if (chromiumMissing) process.exit(1);
  mkdirSync(IMAGES, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'support-bot-screenshots-'));
  const redis = await chooseRedis({ REDIS_EMBEDDED: '1', dataDir });
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startApp(redis.url);
    browser = await launchChromium();
    await chatAsCustomer(browser, app.base);
    await otherCustomersWrite(app.base);
    await queueAsStaff(browser, app);
    for (const name of ['web-chat.png', 'console.png'])
      process.stdout.write(`${join(IMAGES, name)}: ${statSync(join(IMAGES, name)).size} bytes\n`);
  } finally {
    await browser?.close();
    await app?.stop();
    await redis.embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
