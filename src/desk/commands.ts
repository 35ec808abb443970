/** Work item kinds besides inbound messages: staff actions and timers, one line each. */
import type { Desk } from './desk.js';

export function registerCaseCommands(desk: Desk): Desk {
  return desk;
}
