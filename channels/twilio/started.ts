import type { ChannelContext } from '../../src/port/channel.js';

/** A started channel's context, shared by its handlers and its sender (set when the adapter starts). */
export interface Started {
  readonly context: ChannelContext;
}
