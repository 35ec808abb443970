/** Bot conversations for supervisors: in progress and finished without a person, and taking one over. */
const en = {
  botConversations: 'Bot conversations',
  botInProgress: 'In progress with the bot',
  botFinished: 'Finished without a person (last 7 days)',
  botNone: 'None.',
  botLastMessage: 'Last message',
  botSince: 'Started',
  botStep: 'Where',
  botTakeOver: 'Take over',
  botTakenOver: 'You have the conversation: the bot is quiet and the customer was told.',
  botOutcome: 'Outcome',
};

const zh: Record<keyof typeof en, string> = {
  botConversations: '机器人会话',
  botInProgress: '机器人处理中',
  botFinished: '无人工介入即结束（近 7 天）',
  botNone: '无。',
  botLastMessage: '最近消息',
  botSince: '开始',
  botStep: '进度',
  botTakeOver: '人工接管',
  botTakenOver: '会话已由您接管：机器人不再回复，已告知客户。',
  botOutcome: '结果',
};

export const liveWords = { en, zh };
