/**
 * An in-app notification to one user (an overdue task, a breached deadline, …). Email and webhooks
 * come later behind the same `Notifier` port.
 */

export const NOTIFICATION_KINDS = ['task-overdue', 'deadline-breached', 'task-assigned'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  readonly id: string;
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly text: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface NotificationRepository {
  insertNotification(n: Notification): Promise<void>;
  getNotification(id: string): Promise<Notification | undefined>;
  listNotifications(
    userId: string,
    options: { readonly unreadOnly: boolean; readonly limit: number; readonly offset: number },
  ): Promise<{
    readonly items: ReadonlyArray<Notification>;
    readonly total: number;
    readonly unread: number;
  }>;
  /** Marks one read; false when it was already read. */
  markRead(id: string, at: string): Promise<boolean>;
  /** Marks every unread notification of the user read; returns how many. */
  markAllRead(userId: string, at: string): Promise<number>;
}
