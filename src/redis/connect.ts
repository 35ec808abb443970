/**
 * Which Redis to talk to and how: one server (REDIS_URL), a Redis Cluster (REDIS_CLUSTER_NODES or a
 * `redis+cluster://host:port,host:port` URL) or a primary found through Sentinel (REDIS_SENTINELS).
 * Every store is typed against ioredis's `Redis`; a `Cluster` answers the same commands, and the few
 * things that differ on a cluster (SCAN, MGET and MULTI across slots) go through slots.ts.
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

export interface HostPort {
  host: string;
  port: number;
}

export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: HostPort[]; username?: string; password?: string; tls: boolean }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; password?: string; sentinelPassword?: string };

/** The settings that choose the Redis (a subset of Config, so CLIs can pass theirs). */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string | undefined;
  REDIS_SENTINELS?: string | undefined;
  REDIS_SENTINEL_NAME?: string | undefined;
  REDIS_PASSWORD?: string | undefined;
}

export const CLUSTER_URL = /^rediss?\+cluster:\/\//;

/** `host:port,host:port` → nodes; throws on anything else so a typo is reported at start. */
export function parseHostPorts(list: string): HostPort[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(part);
      if (!match) throw new Error(`${part}: must be host:port`);
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
    });
}

/** `redis+cluster://[user:password@]host:port,host:port` (the WHATWG URL parser rejects the list). */
function parseClusterUrl(url: string): Extract<RedisTarget, { kind: 'cluster' }> {
  const rest = url.replace(CLUSTER_URL, '').replace(/\/.*$/, '');
  const at = rest.lastIndexOf('@');
  const auth = at >= 0 ? rest.slice(0, at) : '';
  const [user, ...secret] = auth.split(':');
  return {
    kind: 'cluster',
    nodes: parseHostPorts(at >= 0 ? rest.slice(at + 1) : rest),
    tls: url.startsWith('rediss'),
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(secret.length > 0 ? { password: decodeURIComponent(secret.join(':')) } : {}),
  };
}

export function redisTarget(settings: RedisSettings): RedisTarget {
  const password = settings.REDIS_PASSWORD ? { password: settings.REDIS_PASSWORD } : {};
  if (settings.REDIS_CLUSTER_NODES) {
    return { kind: 'cluster', nodes: parseHostPorts(settings.REDIS_CLUSTER_NODES), tls: false, ...password };
  }
  if (CLUSTER_URL.test(settings.REDIS_URL)) return { ...password, ...parseClusterUrl(settings.REDIS_URL) };
  if (settings.REDIS_SENTINELS) {
    return {
      kind: 'sentinel',
      sentinels: parseHostPorts(settings.REDIS_SENTINELS),
      name: settings.REDIS_SENTINEL_NAME ?? 'mymaster',
      ...password,
      ...(settings.REDIS_PASSWORD ? { sentinelPassword: settings.REDIS_PASSWORD } : {}),
    };
  }
  return { kind: 'single', url: settings.REDIS_URL };
}

/** True for a Cluster client (typed as Redis everywhere else). */
export function isCluster(redis: Redis): boolean {
  return (redis as Redis | Cluster).isCluster === true;
}

/**
 * A command connection. `extra` is for callers with other needs (a CLI bounds its retries); the
 * runtime's default suits BullMQ, which needs no per-request retry limit.
 */
export function connectRedis(target: RedisTarget | string, extra: RedisOptions = {}): Redis {
  const chosen: RedisTarget = typeof target === 'string' ? { kind: 'single', url: target } : target;
  const base: RedisOptions = { maxRetriesPerRequest: null, enableAutoPipelining: true, ...extra };
  switch (chosen.kind) {
    case 'single':
      return new Redis(chosen.url, { ...base, lazyConnect: false });
    case 'sentinel':
      return new Redis({
        ...base,
        sentinels: chosen.sentinels,
        name: chosen.name,
        ...(chosen.password ? { password: chosen.password } : {}),
        ...(chosen.sentinelPassword ? { sentinelPassword: chosen.sentinelPassword } : {}),
      });
    case 'cluster': {
      const { enableAutoPipelining: _, ...redisOptions } = base;
      const options: ClusterOptions = {
        // Auto-pipelining groups commands per node: keys of different slots still go out together.
        enableAutoPipelining: true,
        // Reads and writes on masters: a reply must see the turn that was just committed.
        scaleReads: 'master',
        redisOptions: {
          ...redisOptions,
          ...(chosen.username ? { username: chosen.username } : {}),
          ...(chosen.password ? { password: chosen.password } : {}),
          ...(chosen.tls ? { tls: {} } : {}),
        },
      };
      // Typed as Redis: the stores use the shared command interface (see the header).
      return new Cluster(chosen.nodes, options) as unknown as Redis;
    }
  }
}
