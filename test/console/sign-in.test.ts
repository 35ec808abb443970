/**
 * Signing in to the console: the session cookie's flags, CSRF on the sign-in form and on every other
 * form, the rate limit per address and per name, sign out and sign out everywhere, and the security
 * headers on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness, cookieFrom, formHeaders } from './harness.js';

let h: ConsoleHarness;
let alicePassword: string;

beforeAll(async () => {
  h = await consoleHarness({ loginLimits: { perIp: 8, perName: 3, windowSeconds: 900 } });
  alicePassword = await h.addAccount('alice', 'agent', ['support']);
});

afterAll(async () => {
  await h.close();
});

describe('console sign-in', () => {
  it('sends a signed-out visitor to the sign-in form, which carries strict security headers', async () => {
    const queue = await h.app.inject({ method: 'GET', url: '/console' });
    expect(queue.statusCode).toBe(303);
    expect(queue.headers.location).toBe('/console/login');
    const form = await h.app.inject({ method: 'GET', url: '/console/login' });
    expect(form.statusCode).toBe(200);
    const csp = String(form.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(form.headers['x-content-type-options']).toBe('nosniff');
    // No inline script or style anywhere: the one script is a file from the app.
    expect(form.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(form.body).not.toMatch(/\sstyle=/);
    expect(form.body).toContain('<script src="/console/assets/console.js" defer></script>');
    const script = await h.app.inject({ method: 'GET', url: '/console/assets/console.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
  });

  it('signs in with the name and password and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const response = await h.loginAttempt('alice', alicePassword);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console');
    const cookie = cookieFrom(response, 'console_session')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/console');
    expect(cookie).not.toContain('Secure'); // plain HTTP here; see the next test
    const page = await h.app.inject({
      method: 'GET',
      url: '/console',
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('alice (agent)');
  });

  it('marks the cookie Secure when the request came over HTTPS through the proxy', async () => {
    const form = await h.app.inject({
      method: 'GET',
      url: '/console/login',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(cookieFrom(form, 'console_login_csrf')).toContain('Secure');
  });

  it('refuses a sign-in without the form’s CSRF token, and a wrong password', async () => {
    const noToken = await h.app.inject({
      method: 'POST',
      url: '/console/login',
      headers: formHeaders,
      payload: new URLSearchParams({ name: 'alice', password: alicePassword }).toString(),
    });
    expect(noToken.statusCode).toBe(403);
    expect(cookieFrom(noToken, 'console_session')).toBeUndefined();
    const wrong = await h.loginAttempt('alice', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(cookieFrom(wrong, 'console_session')).toBeUndefined();
  });
});

describe('console sign-in: attempt limits and CSRF', () => {
  it('slows down failures per name: past the limit an unknown browser gets 429 even with the right password', async () => {
    const password = await h.addAccount('target', 'agent', ['support']);
    for (let i = 0; i < 3; i++) {
      expect((await h.loginAttempt('target', 'guess', `10.0.0.${i + 1}`)).statusCode).toBe(401);
    }
    const blocked = await h.loginAttempt('target', password, '10.0.0.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('900');
    expect(cookieFrom(blocked, 'console_session')).toBeUndefined();
  });

  it('never refuses the right password from a browser that signed in before, whatever others failed', async () => {
    const password = await h.addAccount('admin2', 'supervisor', ['support']);
    const first = await h.loginAttempt('admin2', password, '10.1.0.1');
    expect(first.statusCode).toBe(303);
    const device = cookieFrom(first, 'console_device')!;
    expect(device).toContain('HttpOnly');
    const known = device.split(';')[0]!;
    // Somebody else fails five times at the account, from many addresses.
    for (let i = 0; i < 5; i++)
      expect((await h.loginAttempt('admin2', 'guess', `10.1.1.${i + 1}`)).statusCode).not.toBe(303);
    expect((await h.loginAttempt('admin2', password, '10.1.2.1')).statusCode).toBe(429);
    // The owner's browser still gets in, from any address.
    expect((await h.loginAttempt('admin2', password, '10.1.2.1', known)).statusCode).toBe(303);
    // Its cookie is for this account only: another account's lock-out still holds for it.
    await h.addAccount('other2', 'agent', ['support']);
    for (let i = 0; i < 3; i++) await h.loginAttempt('other2', 'guess', `10.1.3.${i + 1}`);
    expect((await h.loginAttempt('other2', 'guess', '10.1.3.9', known)).statusCode).toBe(429);
  });

  it('counts only failures: an office behind one address signs in all morning', async () => {
    const passwords = await Promise.all(
      Array.from({ length: 12 }, (_, n) => h.addAccount(`shift${n}`, 'agent', ['support'])),
    );
    for (let round = 0; round < 2; round++)
      for (const [n, password] of passwords.entries())
        expect((await h.loginAttempt(`shift${n}`, password, '10.7.7.7')).statusCode).toBe(303);
  });

  it('limits failures per client address across names', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await h.loginAttempt(`nobody${i}`, 'guess', '10.9.9.9')).statusCode).toBe(401);
    }
    expect((await h.loginAttempt('alice', alicePassword, '10.9.9.9')).statusCode).toBe(429);
    // Another address is not affected.
    expect((await h.loginAttempt('alice', alicePassword, '10.9.9.10')).statusCode).toBe(303);
  });

  it('an X-Forwarded-For written by the client does not change its address', async () => {
    const responses = [];
    for (let i = 0; i < 9; i++)
      responses.push(await h.loginAttempt(`ghost${i}`, 'guess', '10.8.8.8', undefined, `198.51.100.${i}`));
    expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
  });

  it('refuses a form posted without the session’s CSRF token and changes nothing', async () => {
    const alice = await h.signIn('alice', alicePassword);
    const forged = await h.app.inject({
      method: 'POST',
      url: '/console/lang',
      headers: { ...formHeaders, cookie: alice.cookie },
      payload: 'lang=zh',
    });
    expect(forged.statusCode).toBe(403);
    expect((await alice.get('/console')).body).toContain('<html lang="en">');
    // With the token the same change goes through.
    expect((await alice.post('/console/lang', { lang: 'zh' })).statusCode).toBe(303);
    const page = await alice.get('/console');
    expect(page.body).toContain('<html lang="zh">');
    expect(page.body).toContain('领取下一单');
    await alice.post('/console/lang', { lang: 'en' });
  });
});

describe('console sessions: language, signing out, disabled accounts', () => {
  it('follows the browser’s language until the person chooses', async () => {
    const password = await h.addAccount('wang', 'agent', ['support']);
    const wang = await h.signIn('wang', password);
    const page = await wang.get('/console', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(page.body).toContain('我的队列');
  });

  it('signs out one session, and signs out everywhere', async () => {
    const first = await h.signIn('alice', alicePassword);
    const second = await h.signIn('alice', alicePassword);
    const third = await h.signIn('alice', alicePassword);
    expect((await first.post('/console/logout')).statusCode).toBe(303);
    expect((await first.get('/console')).statusCode).toBe(303);
    expect((await second.get('/console')).statusCode).toBe(200);
    expect((await second.post('/console/logout-everywhere')).statusCode).toBe(303);
    expect((await second.get('/console')).statusCode).toBe(303);
    expect((await third.get('/console')).statusCode).toBe(303);
  });

  it('ends the session of an account that is disabled', async () => {
    const password = await h.addAccount('leaver', 'agent', ['support']);
    const leaver = await h.signIn('leaver', password);
    expect((await leaver.get('/console')).statusCode).toBe(200);
    await h.accounts.setDisabled('leaver', true);
    expect((await leaver.get('/console')).statusCode).toBe(303);
    expect((await leaver.post('/console/take', { team: 'support' })).statusCode).toBe(401);
  });
});
