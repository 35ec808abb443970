/**
 * Who is watching which conversation in this process: the event streams of open browser tabs. A new
 * entry wakes only the streams of its own conversation — one conversation's events never reach
 * another's. Streams also poll the history now and then, for entries written by another process.
 */
export type Wake = (event: { typing?: boolean }) => void;

export class ChatHub {
  private readonly watchers = new Map<string, Set<Wake>>();

  watch(conversationId: string, wake: Wake): () => void {
    const set = this.watchers.get(conversationId) ?? new Set<Wake>();
    set.add(wake);
    this.watchers.set(conversationId, set);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.watchers.delete(conversationId);
    };
  }

  count(conversationId: string): number {
    return this.watchers.get(conversationId)?.size ?? 0;
  }

  wake(conversationId: string, event: { typing?: boolean } = {}): void {
    for (const wake of this.watchers.get(conversationId) ?? []) wake(event);
  }

  /** Ends every stream (shutdown). */
  clear(): void {
    this.watchers.clear();
  }
}
