/**
 * Load for the HTTP bench: customers texting a fault report, one signed Twilio webhook at a time each,
 * as a person would — a customer's next text goes only after the webhook was answered and the bot's
 * reply reached the Twilio stand-in. A message counts as handled when both happened; its latencies
 * are measured from when it was due (open loop) or sent (closed loop):
 *   - ack: until the webhook's answer (what Twilio waits for);
 *   - reply: until the first reply reached the stand-in (what the customer waits for).
 */
import twilio from 'twilio';
import { Pool } from 'undici';

export const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
export const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
export const OUR_NUMBER = '+14155550100';
const SMS_PATH = '/webhooks/twilio/sms';
const NO_REPLY_MS = 10_000;

const SCRIPT_EN = (n: number) => [
  'My printer keeps jamming',
  `serial CNBX${String(n).padStart(6, '0')}`,
  'bought it on 2 May 2025',
  'no',
  'no',
];
const SCRIPT_ZH = (n: number) => [
  '打印机老是卡纸',
  `序列号 PJZ${String(n).padStart(6, '0')}`,
  '2025年5月2日买的',
  '没有',
  '没有',
];

interface Customer {
  number: string;
  script: string[];
  next: number;
  /** The message in flight: when it was due, and what is still awaited. */
  due: number;
  acked: boolean;
  replied: boolean;
  ackMs: number;
}

export interface Target {
  /** Base URL of one app process (each signs with its own URL, as Twilio would). */
  base: string;
  pool: Pool;
}

export function targetOf(base: string, connections: number): Target {
  return { base, pool: new Pool(base, { connections, pipelining: 1 }) };
}

export interface PhaseResult {
  handled: number;
  seconds: number;
  rate: number;
  ack: { p50: number; p95: number; p99: number };
  reply: { p50: number; p95: number; p99: number };
  errors: number;
  /** Messages answered but with no text within NO_REPLY_MS. */
  noReply: number;
  /** Messages sent but not handled when the phase ended (backlog). */
  unfinished: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(values: number[]) {
  const sorted = Float64Array.from(values).sort();
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/**
 * A population of customers. Numbers are never reused across phases (`firstNumber` moves on), so every
 * phase starts conversations from scratch.
 */
export class Crowd {
  private readonly idle: Customer[] = [];
  private readonly byNumber = new Map<string, Customer>();
  private made = 0;
  private ackLatencies: number[] = [];
  private replyLatencies: number[] = [];
  private handled = 0;
  private errors = 0;
  private inFlight = 0;
  private sent = 0;

  constructor(
    private readonly targets: Target[],
    size: number,
    private readonly firstNumber: number,
    /** `resolve`: each customer also answers that the suggested fix worked, which closes the case. */
    private readonly ending?: 'resolve',
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.newCustomer());
    this.sweeper = setInterval(() => this.sweep(), 500);
    this.sweeper.unref();
  }

  private readonly sweeper: NodeJS.Timeout;

  close(): void {
    clearInterval(this.sweeper);
  }

  private newCustomer(): Customer {
    const n = this.firstNumber + this.made++;
    const zh = n % 2 === 0;
    const number = zh
      ? `+86138${String(n).padStart(8, '0')}`
      : `+1415${String(5_000_000 + n).padStart(7, '0')}`;
    const customer: Customer = {
      number,
      script: [
        ...(zh ? SCRIPT_ZH(n) : SCRIPT_EN(n)),
        ...(this.ending === 'resolve' ? [zh ? '解决了' : 'yes, it works now'] : []),
      ],
      next: 0,
      due: 0,
      acked: false,
      replied: false,
      ackMs: 0,
    };
    this.byNumber.set(number, customer);
    return customer;
  }

  /** The stand-in accepted a message to `to`. */
  replied(to: string): void {
    const customer = this.byNumber.get(to);
    if (!customer || customer.replied || customer.due === 0) return;
    customer.replied = true;
    this.replyLatencies.push(performance.now() - customer.due);
    this.settle(customer);
  }

  private settle(customer: Customer): void {
    if (!customer.acked || !customer.replied) return;
    this.busy.delete(customer);
    this.inFlight--;
    this.handled++;
    this.ackLatencies.push(customer.ackMs);
    customer.due = 0;
    if (customer.next >= customer.script.length && this.replace) {
      this.byNumber.delete(customer.number);
      this.idle.push(this.newCustomer());
    } else {
      this.idle.push(customer);
    }
    this.wake?.();
  }

  private wake: (() => void) | null = null;
  /** A customer whose script is done makes way for a new one (off while walking a fixed crowd). */
  private replace = true;
  private readonly busy = new Set<Customer>();
  private noReply = 0;

  /** A message the bot answered without a text (none was due) must not hold its customer forever. */
  private sweep(): void {
    const now = performance.now();
    for (const customer of this.busy) {
      if (customer.acked && !customer.replied && now - customer.due > NO_REPLY_MS) {
        this.noReply++;
        customer.replied = true;
        this.settle(customer);
      }
    }
  }

  /** Sends the next message of an idle customer, due at `due`; false if every customer is busy. */
  private sendOne(due: number): boolean {
    const customer = this.idle.shift();
    if (!customer) return false;
    const text = customer.script[customer.next++]!;
    customer.due = due;
    customer.acked = false;
    customer.replied = false;
    this.inFlight++;
    this.busy.add(customer);
    this.sent++;
    const target = this.targets[this.sent % this.targets.length]!;
    const params = {
      MessageSid: `SM${customer.number.slice(1)}x${customer.next}`.padEnd(34, '0'),
      AccountSid: ACCOUNT_SID,
      From: customer.number,
      To: OUR_NUMBER,
      Body: text,
      NumMedia: '0',
    };
    const body = new URLSearchParams(params).toString();
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${target.base}${SMS_PATH}`, params);
    target.pool
      .request({
        method: 'POST',
        path: SMS_PATH,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body,
      })
      .then(async (response) => {
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
        customer.acked = true;
        customer.ackMs = performance.now() - due;
        this.settle(customer);
      })
      .catch(() => {
        this.errors++;
        // Sent again later with a new due time; the provider id stays, as with Twilio's retry.
        customer.next--;
        this.inFlight--;
        this.busy.delete(customer);
        customer.due = 0;
        setTimeout(() => {
          this.idle.push(customer);
          this.wake?.();
        }, 100);
      });
    return true;
  }

  private reset(): void {
    this.ackLatencies = [];
    this.replyLatencies = [];
    this.handled = 0;
    this.errors = 0;
    this.noReply = 0;
  }

  private result(seconds: number): PhaseResult {
    return {
      handled: this.handled,
      seconds: Math.round(seconds * 100) / 100,
      rate: Math.round(this.handled / seconds),
      ack: summary(this.ackLatencies),
      reply: summary(this.replyLatencies),
      errors: this.errors,
      noReply: this.noReply,
      unfinished: this.inFlight,
    };
  }

  /** Closed loop: `concurrency` messages in flight at all times, for `seconds`. */
  async closed(
    concurrency: number,
    seconds: number,
    progress?: (handled: number) => void,
  ): Promise<PhaseResult> {
    this.reset();
    const started = performance.now();
    const end = started + seconds * 1000;
    const ticker = setInterval(() => progress?.(this.handled), 1000);
    try {
      await new Promise<void>((resolve) => {
        const fill = () => {
          if (performance.now() >= end) {
            this.wake = null;
            resolve();
            return;
          }
          while (this.inFlight < concurrency && this.sendOne(performance.now())) {}
        };
        this.wake = fill;
        fill();
        setTimeout(fill, seconds * 1000 + 1);
      });
    } finally {
      clearInterval(ticker);
    }
    const result = this.result((performance.now() - started) / 1000);
    await this.settleAll();
    return result;
  }

  /**
   * Open loop: a message is due every 1/rate seconds whatever happened to the earlier ones; latency
   * counts from when it was due, so a stall shows in the figures (no coordinated omission).
   */
  async open(rate: number, seconds: number, progress?: (handled: number) => void): Promise<PhaseResult> {
    this.reset();
    this.wake = null;
    const started = performance.now();
    const interval = 1000 / rate;
    let scheduled = 0;
    const total = Math.round(rate * seconds);
    const ticker = setInterval(() => progress?.(this.handled), 1000);
    let starved = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (scheduled < total && started + scheduled * interval <= now) {
          if (!this.sendOne(started + scheduled * interval)) starved++;
          scheduled++;
        }
        if (scheduled >= total) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    clearInterval(ticker);
    const sentFor = (performance.now() - started) / 1000;
    await this.settleAll();
    const result = this.result(sentFor);
    // The rate asked for, not what was handled in the sending window (the tail settles after it).
    return { ...result, rate: Math.round(this.handled / seconds), errors: result.errors + starved };
  }

  /** Sends every customer's first message (the crowd stays the same from now on). */
  async firstMessages(concurrency: number): Promise<void> {
    this.replace = false;
    await this.drive(concurrency, (customer) => customer.next === 0);
  }

  /** Walks every customer to the end of their script. */
  async finishAll(concurrency: number): Promise<void> {
    this.replace = false;
    await this.drive(concurrency, (customer) => customer.next < customer.script.length);
  }

  private async drive(concurrency: number, eligible: (customer: Customer) => boolean): Promise<void> {
    this.reset();
    await new Promise<void>((resolve) => {
      const fill = () => {
        while (this.inFlight < concurrency) {
          const index = this.idle.findIndex(eligible);
          if (index < 0) break;
          const [customer] = this.idle.splice(index, 1);
          this.idle.unshift(customer!);
          this.sendOne(performance.now());
        }
        if (this.inFlight === 0 && !this.idle.some(eligible)) {
          this.wake = null;
          resolve();
        }
      };
      this.wake = fill;
      fill();
    });
  }

  /** Waits (at most 20 s) for messages in flight to be answered and replied to. */
  private async settleAll(): Promise<void> {
    const until = performance.now() + 20_000;
    while (this.inFlight > 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  get customersMade(): number {
    return this.made;
  }
}
