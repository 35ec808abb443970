/** Conformance driver for the terminal channel: the adapter itself, on a test runtime. */
import { createTerminalAdapter } from '../../../channels/terminal/adapter.js';
import { manualClock } from '../../../src/clock.js';
import { loadContent } from '../../../src/content.js';
import { createRuntime } from '../../../src/runtime.js';
import { THURSDAY_MORNING, testConfig } from '../../support/runtime.js';
import type { ConformanceDriver } from './driver.js';

const content = loadContent('flows');
let users = 0;

export const terminalDriver: ConformanceDriver = {
  name: 'terminal',
  providerIds: false,
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
      async inbound(from, text) {
        return (await adapter.say(from, text)).shown.map((reply) => reply.text);
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
