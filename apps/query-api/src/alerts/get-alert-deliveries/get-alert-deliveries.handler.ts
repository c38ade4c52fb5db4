import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { AlertNotification, NotificationState } from '../alert-notification';
import { ruleId, unknownRule } from '../alert-rule-id';
import { RECENT_DELIVERIES, SELECT_RULE } from '../alerts.sql';
import { GetAlertDeliveriesQuery } from './get-alert-deliveries.query';

const RECENT = 100;

export interface DeliveryView {
  id: string;
  state: NotificationState;
  /** pending (being tried), delivered (a 2xx answer), failed (every attempt used up). */
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  finishedAt: string | null;
  notification: AlertNotification;
}

interface DeliveryRow {
  id: string;
  state: NotificationState;
  status: DeliveryView['status'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  next_attempt_at: Date;
  finished_at: Date | null;
  payload: AlertNotification;
}

@QueryHandler(GetAlertDeliveriesQuery)
export class GetAlertDeliveriesHandler implements IQueryHandler<GetAlertDeliveriesQuery, { ruleId: string; deliveries: DeliveryView[] }> {
  constructor(private readonly db: DataSource) {}

  async execute(q: GetAlertDeliveriesQuery): Promise<{ ruleId: string; deliveries: DeliveryView[] }> {
    const id = ruleId(q.ruleId);
    const [rule]: unknown[] = await this.db.query(SELECT_RULE, [id]);
    if (!rule) throw unknownRule(q.ruleId);
    const rows: DeliveryRow[] = await this.db.query(RECENT_DELIVERIES, [id, RECENT]);
    return {
      ruleId: id,
      deliveries: rows.map((r) => ({
        id: String(r.id),
        state: r.state,
        status: r.status,
        attempts: r.attempts,
        lastStatusCode: r.last_status_code,
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
        finishedAt: r.finished_at?.toISOString() ?? null,
        notification: r.payload,
      })),
    };
  }
}
