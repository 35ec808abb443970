/** Conformance driver for the terminal channel: the adapter itself, on a test runtime. */
import { createTerminalAdapter, terminalCapabilities } from '../../../channels/terminal/adapter.js';
import { manualClock } from '../../../src/clock.js';
import { loadContent } from '../../../src/content.js';
import { defaultMedia } from '../../../src/port/medium.js';
import { createRuntime } from '../../../src/runtime.js';
import { THURSDAY_MORNING, testConfig } from '../../support/runtime.js';
import type { ConformanceDriver } from './driver.js';

const content = loadContent('flows');
let users = 0;

export const terminalDriver: ConformanceDriver = {
  name: 'terminal',
  channel: null,
  capabilities: terminalCapabilities,
  medium: defaultMedia.chat,
  async open() {
    const adapter = createTerminalAdapter('chat');
    const runtime = createRuntime(testConfig(), {
      clock: manualClock(THURSDAY_MORNING),
      content,
      channels: [adapter],
    });
    await adapter.start(runtime.channelContext(adapter));
    return {
      runtime,
      adapter,
      logs: [],
      newAddress: () => `terminal-user-${users++}`,
      // A keyboard has no provider ids: the adapter makes its own for each line.
      newProviderId: () => '',
      async inbound(from, text) {
        return (await adapter.say(from, text)).shown;
      },
      async received() {
        return [];
      },
      async close() {
        await adapter.stop();
        await runtime.close();
      },
    };
  },
};
