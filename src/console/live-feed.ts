/**
 * This process's ear on the live events (src/desk/live-events.ts): one subscriber connection, opened
 * when the first stream starts listening and closed with the app. A subscribed connection can run no
 * other command, so it is a duplicate of the runtime's; on a Redis Cluster the duplicate is a cluster
 * client and PUBLISH reaches every node's subscribers. If subscribing fails, streams still re-read on
 * their fallback timer.
 */
import type { Redis } from 'ioredis';
import { type LiveEvent, liveChannel } from '../desk/live-events.js';
import type { Logger } from '../logger.js';

export type LiveListener = (event: LiveEvent) => void;

export interface LiveFeed {
  /** Calls `listener` for every event until the returned function is called. */
  listen(listener: LiveListener): () => void;
  /**
   * Resolves once the subscription is active (or failed, or took longer than `waitMs`): a stream reads
   * its first state after this, so no change falls between that read and the first event heard.
   */
  ready(waitMs: number): Promise<void>;
  close(): Promise<void>;
}

export function createLiveFeed(redis: Redis, prefix: string, logger: Logger): LiveFeed {
  const listeners = new Set<LiveListener>();
  const channel = liveChannel(prefix);
  let subscriber: Redis | undefined;
  let subscribed: Promise<void> = Promise.resolve();
  let closed = false;

  const open = () => {
    const connection = redis.duplicate();
    connection.on('error', (error) => logger.warn({ err: error }, 'live event subscriber error'));
    connection.on('message', (from: string, text: string) => {
      if (from !== channel) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(text) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    });
    // ioredis subscribes again by itself after a reconnect; events in between are lost (fallback).
    subscribed = connection.subscribe(channel).then(
      () => undefined,
      (error: unknown) => {
        logger.warn({ err: error }, 'live events unavailable; console streams re-read on their timer');
      },
    );
    return connection;
  };

  return {
    listen(listener) {
      if (!subscriber && !closed) subscriber = open();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready(waitMs) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
      });
      return Promise.race([subscribed, waited]).finally(() => clearTimeout(timer));
    },
    async close() {
      closed = true;
      listeners.clear();
      subscriber?.disconnect();
      subscriber = undefined;
    },
  };
}
