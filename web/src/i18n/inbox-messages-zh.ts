import type { inboxMessagesEn } from './inbox-messages-en.ts';

/** 虚拟滚动信号收件箱的界面文字（简体中文）。 */
export const inboxMessagesZh: { readonly [K in keyof typeof inboxMessagesEn]: string } = {
  inboxShortcuts:
    '快捷键：j / k（列表中也可用 ↓ / ↑）移动，x 选择（X 或按住 Shift 单击：选择一段），Enter 打开，r 审核，m 监测，d 排除，v 核实。',
  inboxSelectLoaded: '选择所有已加载的信号',
  inboxUnread: '未读（新）',
  inboxNewBadge: '新',
  inboxLoadingSignals: '正在加载信号…',
  inboxNothingOpen: '没有未处理的信号：收件箱已清空。',
  inboxClearFilters: '清除筛选条件',
};
