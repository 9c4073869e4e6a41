/** Strings of the virtualised signal inbox (English). */
export const inboxMessagesEn = {
  inboxShortcuts:
    'Keys: j / k (or ↓ / ↑ in the list) move, x select (X or shift-click: a range), Enter open, r review, m monitor, d discard, v verify.',
  inboxSelectLoaded: 'Select every loaded signal',
  inboxUnread: 'Unread (new)',
  inboxNewBadge: 'New',
  inboxLoadingSignals: 'Loading signals…',
  inboxNothingOpen: 'No open signals: the inbox is clear.',
  inboxClearFilters: 'Clear the filters',
} as const;
