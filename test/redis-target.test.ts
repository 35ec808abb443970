/** Which Redis the settings name: one server, a Redis Cluster, or a primary behind Sentinel. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { redisTarget } from '../src/redis/connect.js';
import { chooseRedis } from '../src/redis/embedded.js';

describe('the Redis target', () => {
  it('is one server by default, exactly as REDIS_URL says', () => {
    expect(redisTarget(loadConfig({ REDIS_URL: 'redis://10.0.0.5:6380/2' }))).toEqual({
      kind: 'single',
      url: 'redis://10.0.0.5:6380/2',
    });
  });

  it('is a cluster from REDIS_CLUSTER_NODES, with the password of REDIS_PASSWORD', () => {
    const config = loadConfig({
      REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001',
      REDIS_PASSWORD: 's3cret',
    });
    expect(redisTarget(config)).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      tls: false,
      password: 's3cret',
    });
  });

  it('is a cluster from a redis+cluster:// URL, credentials and TLS included', () => {
    const config = loadConfig({
      REDIS_URL: 'rediss+cluster://app:p%40ss@r1.example.cn:6379,r2.example.cn:6379',
    });
    expect(redisTarget(config)).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'r1.example.cn', port: 6379 },
        { host: 'r2.example.cn', port: 6379 },
      ],
      tls: true,
      username: 'app',
      password: 'p@ss',
    });
  });

  it('is a Sentinel-managed primary from REDIS_SENTINELS and REDIS_SENTINEL_NAME', () => {
    const config = loadConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'support' });
    expect(redisTarget(config)).toMatchObject({
      kind: 'sentinel',
      name: 'support',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
    });
  });

  it('a node list that is not host:port is reported, naming the variable', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrow(
      /REDIS_CLUSTER_NODES: must be host:port/,
    );
  });

  it('a cluster or Sentinel setting never starts a private redis-server', async () => {
    expect(await chooseRedis({ REDIS_CLUSTER_NODES: '10.9.9.9:7000' })).toEqual({
      url: 'redis://127.0.0.1:6379',
    });
    expect(await chooseRedis({ REDIS_SENTINELS: '10.9.9.9:26379' })).not.toHaveProperty('embedded');
  });
});
