/**
 * The staff accounts page: supervisors list, add, disable/enable, reset passwords and change roles and
 * teams through the same account functions as `npm run staff`; agents get 403; every form needs the
 * session's CSRF token; disabling someone ends their console sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, type ConsoleHarness, consoleHarness, formHeaders } from './harness.js';

let h: ConsoleHarness;
let sam: ConsoleClient;
let alice: ConsoleClient;

const secretOf = (body: string, label: string) =>
  new RegExp(`${label}: <code>([^<]+)</code>`).exec(body)?.[1];

beforeAll(async () => {
  h = await consoleHarness();
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
});

afterAll(async () => {
  await h.close();
});

describe('the staff accounts page: listing, refusals and adding', () => {
  it('lists every account with role, teams, state and last sign-in, and no secret', async () => {
    await h.addAccount('dormant', 'engineer', ['onsite']);
    const page = await sam.get('/console/staff');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/console/staff"');
    const row = (name: string) =>
      page.body.slice(page.body.indexOf(`<th scope="row">${name}</th>`)).split('</tr>')[0]!;
    expect(row('alice')).toContain('value="support"');
    expect(row('alice')).toMatch(/<option value="agent" selected>/);
    expect(row('alice')).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(row('dormant')).toContain('never');
    expect(page.body).not.toMatch(/scrypt|sbt_/);
  });

  it('refuses agents (403) on the page and on every form, whatever they send', async () => {
    expect((await alice.get('/console/staff')).statusCode).toBe(403);
    expect((await alice.get('/console')).body).not.toContain('href="/console/staff"');
    const tries = [
      alice.post('/console/staff', { name: 'mallory', role: 'supervisor', teams: 'support' }),
      alice.post('/console/staff/sam/disable'),
      alice.post('/console/staff/sam/password'),
      alice.post('/console/staff/alice/update', { role: 'supervisor', teams: 'support' }),
    ];
    for (const response of await Promise.all(tries)) expect(response.statusCode).toBe(403);
    expect(await h.accounts.get('mallory')).toBeNull();
    expect((await h.accounts.get('alice'))?.role).toBe('agent');
    expect((await h.accounts.get('sam'))?.disabled).toBe(false);
  });

  it('refuses a form without the session’s CSRF token and changes nothing', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/console/staff/alice/disable',
      headers: { ...formHeaders, cookie: sam.cookie },
      payload: '_csrf=forged',
    });
    expect(response.statusCode).toBe(403);
    expect((await h.accounts.get('alice'))?.disabled).toBe(false);
  });

  it('adds an account and shows its password and token once; the password signs in', async () => {
    const added = await sam.post('/console/staff', {
      name: 'wang',
      role: 'engineer',
      teams: 'onsite, support',
    });
    expect(added.statusCode).toBe(200);
    expect(added.headers['cache-control']).toBe('no-store');
    const password = secretOf(added.body, 'Password')!;
    const token = secretOf(added.body, 'API token')!;
    expect(token).toMatch(/^sbt_/);
    expect(await h.accounts.get('wang')).toMatchObject({ role: 'engineer', teams: ['onsite', 'support'] });
    expect((await h.accounts.authenticate(token))?.name).toBe('wang');
    await h.signIn('wang', password);
    // Shown once: the list afterwards carries neither.
    const list = await sam.get('/console/staff');
    expect(list.body).not.toContain(password);
    expect(list.body).not.toContain(token);

    const again = await sam.post('/console/staff', { name: 'wang', role: 'agent', teams: 'support' });
    expect(again.statusCode).toBe(409);
    const bad = await sam.post('/console/staff', { name: 'Bad Name', role: 'boss', teams: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/name: /);
    expect(bad.body).toMatch(/role: /);
  });
});

describe('the staff accounts page: changing an account', () => {
  it('changes role and teams; the person’s next request sees them', async () => {
    const lin = await h.signIn('lin', await h.addAccount('lin', 'agent', ['support']));
    expect((await lin.get('/console/kpis')).statusCode).toBe(403);
    const changed = await sam.post('/console/staff/lin/update', {
      role: 'supervisor',
      teams: 'supervisor,support',
    });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/console/staff?done=update');
    expect(await h.accounts.get('lin')).toMatchObject({
      role: 'supervisor',
      teams: ['supervisor', 'support'],
    });
    expect((await lin.get('/console/kpis')).statusCode).toBe(200);
    expect((await sam.post('/console/staff/nobody/update', { role: 'agent', teams: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('disabling ends the person’s console sessions; enabling lets them sign in again', async () => {
    const password = await h.addAccount('leaver', 'agent', ['support']);
    const leaver = await h.signIn('leaver', password);
    expect((await leaver.get('/console')).statusCode).toBe(200);
    const disabled = await sam.post('/console/staff/leaver/disable');
    expect(disabled.statusCode).toBe(303);
    expect((await h.accounts.get('leaver'))?.disabled).toBe(true);
    const prefix = h.runtime.config.REDIS_KEY_PREFIX;
    expect(await h.runtime.redis.scard(`${prefix}:console:sessions:leaver`)).toBe(0);
    expect((await leaver.get('/console')).headers.location).toBe('/console/login');
    expect((await h.loginAttempt('leaver', password)).statusCode).toBe(401);

    expect((await sam.post('/console/staff/leaver/enable')).statusCode).toBe(303);
    // The old cookie stays dead (its session was ended, not just refused); a fresh sign-in works.
    expect((await leaver.get('/console')).headers.location).toBe('/console/login');
    await h.signIn('leaver', password);
  });

  it('a new password replaces the old one and signs the person out', async () => {
    const old = await h.addAccount('forgetful', 'agent', ['support']);
    const before = await h.signIn('forgetful', old);
    const reset = await sam.post('/console/staff/forgetful/password');
    expect(reset.statusCode).toBe(200);
    const fresh = secretOf(reset.body, 'Password')!;
    expect(fresh).toBeTruthy();
    expect(reset.body).not.toContain('API token: <code>');
    expect((await before.get('/console')).headers.location).toBe('/console/login');
    expect((await h.loginAttempt('forgetful', old)).statusCode).toBe(401);
    await h.signIn('forgetful', fresh);
  });

  it('a new API token is shown once; the old one stops working, the password and sessions stay', async () => {
    const { token: old } = await h.accounts.add({ name: 'robot', role: 'agent', teams: ['support'] });
    const rotated = await sam.post('/console/staff/robot/token');
    expect(rotated.statusCode).toBe(200);
    const token = secretOf(rotated.body, 'API token')!;
    expect(token).toMatch(/^sbt_/);
    expect(rotated.body).not.toContain('Password: <code>');
    expect(await h.accounts.authenticate(old)).toBeNull();
    expect((await h.accounts.authenticate(token))?.name).toBe('robot');
    expect((await alice.post('/console/staff/robot/token')).statusCode).toBe(403);
  });

  it('a supervisor cannot disable or demote themselves', async () => {
    expect((await sam.get('/console/staff')).body).not.toContain('action="/console/staff/sam/disable"');
    expect((await sam.post('/console/staff/sam/disable')).statusCode).toBe(400);
    expect(
      (await sam.post('/console/staff/sam/update', { role: 'agent', teams: 'support' })).statusCode,
    ).toBe(400);
    expect(await h.accounts.get('sam')).toMatchObject({ role: 'supervisor', disabled: false });
  });
});
