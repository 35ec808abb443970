/**
 * Overlapping windows over a long text, for third-party parsers (chrono, libphonenumber) whose cost
 * grows faster than the text: chrono's Chinese parser needs 15 s for 100 KB of spaces. Each window
 * says which part of it is its own (`keepFrom`–`keepTo`), so a match cut by a window edge is ignored
 * there and found whole in a neighbour, and every match up to `MARGIN` long is found exactly once.
 */
export interface TextWindow {
  start: number;
  end: number;
  /** Matches starting before this index belong to the previous window. */
  keepFrom: number;
  /** Matches ending after this index belong to the next window. */
  keepTo: number;
}

const SIZE = 1000;
const MARGIN = 60;
// A match of up to MARGIN units must fit inside some window's kept part: SIZE - 2·MARGIN - MARGIN.
const STEP = SIZE - 3 * MARGIN;

/** The windows covering a text of `length` code units; one window when the text is short. */
export function textWindows(length: number): TextWindow[] {
  if (length <= SIZE) return [{ start: 0, end: length, keepFrom: 0, keepTo: length }];
  const windows: TextWindow[] = [];
  for (let start = 0; ; start += STEP) {
    const end = Math.min(length, start + SIZE);
    const last = end === length;
    windows.push({
      start,
      end,
      keepFrom: start === 0 ? 0 : start + MARGIN,
      keepTo: last ? end : end - MARGIN,
    });
    if (last) return windows;
  }
}
