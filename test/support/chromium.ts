/**
 * Debian's chromium for the browser tests (driven by playwright-core, which never downloads a browser),
 * or a one-line skip where it is missing (.ci/run installs it).
 */
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing)
  process.stdout.write(`${CHROMIUM} is missing: browser tests skipped (apt-get install chromium)\n`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: 60_000,
  });
}

/** Script errors and console errors on a page (a CSP violation is one), collected as they happen. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Starts the app on a free loopback port and returns its base URL, for a browser to open. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** Signs in on the console's form (labels in the page's language) and waits for "My queue". */
export async function signInToConsole(
  page: Page,
  base: string,
  name: string,
  password: string,
  lang: 'en' | 'zh' = 'en',
): Promise<void> {
  const labels =
    lang === 'zh'
      ? { name: '用户名', password: '密码', submit: '登录' }
      : { name: 'Name', password: 'Password', submit: 'Sign in' };
  await page.goto(`${base}/console/login`);
  await page.getByLabel(labels.name).fill(name);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL(`${base}/console`);
}
