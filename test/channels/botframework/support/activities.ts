/** Bot Framework activities as the Emulator and Azure Bot Service post them, aimed at the stand-in. */
let seq = 0;

export interface ActivityOptions {
  serviceUrl: string;
  conversation: string;
  locale?: string;
  channelId?: string;
}

const base = (options: ActivityOptions) => ({
  channelId: options.channelId ?? 'emulator',
  serviceUrl: options.serviceUrl,
  timestamp: new Date().toISOString(),
  from: { id: `user-${options.conversation}`, name: 'Customer' },
  recipient: { id: 'support-bot', name: 'Support bot' },
  conversation: { id: options.conversation },
  locale: options.locale ?? 'en-US',
});

export function messageActivity(options: ActivityOptions, text: string, extra: Record<string, unknown> = {}) {
  return { ...base(options), type: 'message', id: `act-${Date.now()}-${++seq}`, text, ...extra };
}

/** An Adaptive Card's Action.Submit: a message with `value` and no text. */
export function submitActivity(options: ActivityOptions, value: Record<string, unknown>) {
  return { ...base(options), type: 'message', id: `act-${Date.now()}-${++seq}`, value };
}

export function joinActivity(options: ActivityOptions) {
  return {
    ...base(options),
    type: 'conversationUpdate',
    id: `act-${Date.now()}-${++seq}`,
    membersAdded: [
      { id: `user-${options.conversation}`, name: 'Customer' },
      { id: 'support-bot', name: 'Support bot' },
    ],
  };
}

let conversations = 0;
export const newConversation = () => `conv-${Date.now().toString(36)}-${++conversations}`;

/** The customer's address for a conversation started with these helpers. */
export const addressOf = (options: ActivityOptions) =>
  `${options.channelId ?? 'emulator'}:user-${options.conversation}`;
