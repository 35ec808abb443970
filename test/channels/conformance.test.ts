/**
 * The channel conformance suite: every registered channel (and the terminal) runs against the real app
 * and is checked for what every channel must do — declarations, start/stop, a turn's replies in order —
 * and for each capability and medium promise it declares (src/port/channel.ts, src/port/medium.ts):
 * deduplication on the provider's id, send failures, opt-out, delivery reports, malformed payloads,
 * choices as the medium shows them, spoken prompts without markup, SMS within its segment budget. A
 * capability a channel does not declare generates no check.
 */
import { describe, expect, it } from 'vitest';
import { channels } from '../../channels/index.js';
import {
  conversationChecks,
  declarationChecks,
  payloadChecks,
  providerReportChecks,
  sendFailureChecks,
} from './conformance/capability-checks.js';
import { botFrameworkDriver, webChatDriver } from './conformance/chat-drivers.js';
import type { ConformanceDriver } from './conformance/driver.js';
import { emailDriver } from './conformance/email-driver.js';
import { mediumChecks } from './conformance/medium-checks.js';
import { useSession } from './conformance/session.js';
import { terminalDriver } from './conformance/terminal-driver.js';
import { smsDriver, voiceDriver } from './conformance/twilio-drivers.js';
import { wechatDriver, wecomKfDriver } from './conformance/wechat-drivers.js';

const drivers: ConformanceDriver[] = [
  smsDriver,
  voiceDriver,
  terminalDriver,
  botFrameworkDriver,
  webChatDriver,
  emailDriver,
  wechatDriver,
  wecomKfDriver,
];

describe('channel conformance drivers', () => {
  it('exist for every channel registered in channels/index.ts', () => {
    const driven = new Set(drivers.map((driver) => driver.channel));
    expect(channels.map((channel) => channel.name).filter((name) => !driven.has(name))).toEqual([]);
  });
});

for (const driver of drivers) {
  // Only where the machine lacks the provider's stand-in (Dovecot): its one line says what to install.
  describe.skipIf(Boolean(driver.unavailable))(`channel conformance: ${driver.name}`, () => {
    const session = useSession(driver);
    declarationChecks(driver, session);
    conversationChecks(driver, session);
    sendFailureChecks(driver, session);
    providerReportChecks(driver, session);
    payloadChecks(driver, session);
    mediumChecks(driver, session);
  });
}
