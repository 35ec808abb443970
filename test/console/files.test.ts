/**
 * Customers' files in the console: served to signed-in staff only, with the checked type, `nosniff`
 * and a sandboxing CSP; a file that is not a picture downloads; erasing the customer removes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCustomer } from '../../src/desk/privacy.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let h: ConsoleHarness;
let agent: ConsoleClient;

beforeAll(async () => {
  h = await consoleHarness();
  agent = await h.signIn('filer', await h.addAccount('filer', 'agent', ['support']));
});
afterAll(() => h.close());

const keep = async (owner: string, key: string, content: Buffer, contentType: string) => {
  const result = await h.runtime.desk.deps.files!.keep(owner, {
    key,
    filename: `${key}.bin`,
    contentType,
    content,
  });
  if (!('kept' in result)) throw new Error(result.refused);
  return `/console/files/${result.kept.id}`;
};

describe('customers’ files in the console', () => {
  it('are served to signed-in staff only, as the type the bytes are, sandboxed and never sniffed', async () => {
    const url = await keep('email:li@example.cn', 'photo', PNG, 'image/png');
    const anonymous = await h.app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).not.toBe(200);
    expect(anonymous.rawPayload.equals(PNG)).toBe(false);
    const served = await agent.get(url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(String(served.headers['content-security-policy'])).toMatch(/^sandbox; default-src 'none'/);
    expect(String(served.headers['content-disposition'])).toMatch(/^inline/);
    expect(served.rawPayload.equals(PNG)).toBe(true);
  });

  it('a page claimed to be a picture is served as a download of unknown type', async () => {
    const url = await keep(
      'email:li@example.cn',
      'fake',
      Buffer.from('<script>alert(1)</script>'),
      'image/png',
    );
    const served = await agent.get(url);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(String(served.headers['content-disposition'])).toMatch(/^attachment/);
  });

  it('erasing the customer removes their files', async () => {
    const url = await keep('email:wang@example.cn', 'invoice', PNG, 'image/png');
    expect((await agent.get(url)).statusCode).toBe(200);
    await eraseCustomer(h.runtime.desk, 'wang@example.cn', 'CN');
    expect((await agent.get(url)).statusCode).toBe(404);
    expect((await agent.get('/console/files/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
  });
});
