/** /readyz asks Twilio at most this often (the probe may run every few seconds). */
const READINESS_CACHE_MS = 30_000;

/**
 * A readiness check that remembers successes and failures for a while, so probes cannot make us call
 * Twilio on every request.
 */
export function cachedReadiness(fetchAccount: () => Promise<unknown>): () => Promise<void> {
  let last: { at: number; error: Error | null } | null = null;
  return async () => {
    if (!last || Date.now() - last.at >= READINESS_CACHE_MS) {
      let error: Error | null = null;
      try {
        await fetchAccount();
      } catch (failure) {
        error = failure instanceof Error ? failure : new Error(String(failure));
      }
      last = { at: Date.now(), error };
    }
    if (last.error) throw last.error;
  };
}
