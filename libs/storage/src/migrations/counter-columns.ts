/**
 * The counter columns as of 1764300000000, frozen here: a migration must not change when the code's counter
 * list (libs/indicators COUNTERS) grows later. A test checks that the two agree today.
 */
export const COUNTER_COLUMNS = [
  'transfers', 'transfers_electronic', 'payments', 'payments_online', 'workfiles', 'workfiles_electronic',
  'received', 'received_online', 'received_in_person', 'received_postal', 'received_online_verified', 'received_synced',
  'resolved', 'resolved_online', 'resolved_early', 'resolved_on_time', 'resolved_late',
  'withdrawn', 'ratings', 'ratings_satisfied', 'opened', 'closed', 'overdue_from', 'overdue_to',
] as const;
