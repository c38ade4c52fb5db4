import { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNTER_COLUMNS } from './counter-columns';

/**
 * Counters as `integer` (one agency-day never nears 2^31) so that SUM runs on 64-bit accumulators instead of
 * numeric; room on each page for HOT updates of the hot counter rows; autovacuum that keeps up with tables
 * whose rows are updated many times (dossiers change with every fact, counters with every batch).
 */
export class CounterStorage1764300000000 implements MigrationInterface {
  name = 'CounterStorage1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_day_counters ${COUNTER_COLUMNS.map((c) => `ALTER COLUMN ${c} TYPE integer`).join(', ')}`);
    await q.query(`ALTER TABLE agency_day_counters SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05)`);
    await q.query(`ALTER TABLE dossiers SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05)`);
    await q.query(`ALTER TABLE projector_offsets SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projector_offsets RESET (fillfactor)`);
    await q.query(`ALTER TABLE dossiers RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`);
    await q.query(`ALTER TABLE agency_day_counters RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`);
    await q.query(`ALTER TABLE agency_day_counters ${COUNTER_COLUMNS.map((c) => `ALTER COLUMN ${c} TYPE bigint`).join(', ')}`);
  }
}
