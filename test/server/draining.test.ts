/** A process that is stopping answers new requests with 503 and Retry-After (but /healthz), in the documented shape. */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { buildApp } from '../../src/server/app.js';

describe('shutting down', () => {
  it('new requests get 503 with Retry-After while /healthz still answers', async () => {
    let draining = false;
    const app = await buildApp({
      logger: silentLogger,
      isDraining: () => draining,
      plugins: [
        {
          name: 'routes',
          plugin: async (routes) => {
            routes.get('/healthz', async () => ({ status: 'ok' }));
            routes.post('/webhooks/twilio/sms', async () => 'ok');
          },
        },
      ],
    });
    try {
      expect((await app.inject({ method: 'POST', url: '/webhooks/twilio/sms' })).statusCode).toBe(200);
      draining = true;
      const refused = await app.inject({ method: 'POST', url: '/webhooks/twilio/sms' });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toEqual({
        error: { code: 'SUPPORT_ERR_UNAVAILABLE', message: expect.any(String) },
      });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
