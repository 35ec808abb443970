/** The bell, its notifications page, desktop alerts and the keyboard shortcuts. */
const en = {
  bell: 'Notifications',
  nothingNew: 'No notifications.',
  kind: {
    reassigned: 'Assigned to you',
    customer_wrote: 'The customer wrote',
    delivery_failed: 'A message was not delivered',
    deadline: 'Reply deadline near',
    mentioned: 'You were mentioned',
    other: 'Notice',
  },
  forTeam: 'for team',
  by: 'by',
  alertsOff: 'Desktop alerts and sound: off — switch on',
  alertsOn: 'Desktop alerts and sound: on — switch off',
  alertsExplain:
    'A desktop notification and a short tone when a new case waits in your queues or a customer replies on your case. This browser asks once.',
  newCase: 'New case in your queue',
  customerWrote: 'The customer replied on',
  shortcuts: 'Keyboard shortcuts',
  shortcutsHint: 'Press ? for keyboard shortcuts',
  close: 'Close',
  keys: [
    ['j', 'Take the next case'],
    ['r', 'Reply'],
    ['n', 'Internal note'],
    ['/', 'Search'],
    ['e', 'Resolve'],
    ['?', 'This list'],
  ] as Array<[string, string]>,
  newSince: 'new',
};

type Words = typeof en;

const zh: Words = {
  bell: '通知',
  nothingNew: '暂无通知。',
  kind: {
    reassigned: '改派给您',
    customer_wrote: '客户来信',
    delivery_failed: '消息未送达',
    deadline: '回复时限将到',
    mentioned: '有人提到您',
    other: '提醒',
  },
  forTeam: '团队',
  by: '来自',
  alertsOff: '桌面通知与提示音：已关闭 — 点击开启',
  alertsOn: '桌面通知与提示音：已开启 — 点击关闭',
  alertsExplain: '队列中有新工单、或客户在您的工单上回复时，弹出桌面通知并播放提示音。浏览器会询问一次。',
  newCase: '队列中有新工单',
  customerWrote: '客户回复了',
  shortcuts: '快捷键',
  shortcutsHint: '按 ? 查看快捷键',
  close: '关闭',
  keys: [
    ['j', '领取下一单'],
    ['r', '回复'],
    ['n', '内部备注'],
    ['/', '搜索'],
    ['e', '解决'],
    ['?', '显示本列表'],
  ],
  newSince: '新',
};

export const bellWords = { en: { bell: en }, zh: { bell: zh } };
