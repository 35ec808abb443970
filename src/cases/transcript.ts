import type { Case, TranscriptEntry } from './types.js';

/** Transcript entries that belong to a case: tagged with it, or from a conversation it took over. */
export function caseTranscript(kase: Case, log: TranscriptEntry[]): TranscriptEntry[] {
  const conversations = new Set(kase.conversations);
  return log.filter(
    (entry) => entry.case === kase.ref || (!entry.case && entry.conv && conversations.has(entry.conv)),
  );
}
