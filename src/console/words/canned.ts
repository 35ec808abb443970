/** The saved replies (常用语) page for supervisors. */
const en = {
  nav: 'Saved replies',
  title: 'Saved replies',
  explain:
    'Each team’s saved replies, in Chinese and English. In the reply box, type / and a word of the title to insert one; the case’s own values replace {customer} {ref} {deadline} {engineer} {window}.',
  id: 'Short name (letters, digits, - _)',
  replyTitle: 'Title',
  textZh: 'Chinese text',
  textEn: 'English text',
  save: 'Save the reply',
  remove: 'Remove',
  none: 'No saved replies yet.',
  add: 'Add or change a saved reply',
  edit: 'Edit',
};

type Words = typeof en;

const zh: Words = {
  nav: '常用语',
  title: '常用语',
  explain:
    '各团队的常用语，中英文各一份。在回复框中输入 / 加标题中的字即可插入；{customer} {ref} {deadline} {engineer} {window} 会替换为该工单的实际内容。',
  id: '简称（字母、数字、- _）',
  replyTitle: '标题',
  textZh: '中文内容',
  textEn: '英文内容',
  save: '保存常用语',
  remove: '删除',
  none: '还没有常用语。',
  add: '添加或修改常用语',
  edit: '编辑',
};

export const cannedWords = { en: { canned: en }, zh: { canned: zh } };
