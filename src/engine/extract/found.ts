/** A value found in a message, with its UTF-16 span in the text that was searched. */
export interface Found<T> {
  value: T;
  /** Index of the first code unit of the match. */
  start: number;
  /** Index just past the last code unit of the match. */
  end: number;
}
