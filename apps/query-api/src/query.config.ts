import { DEFAULT_TOPIC } from '@app/contract';
import { DEFAULT_DATABASE_URL } from '@app/storage';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/** The query API's environment (SPEC §4), validated at start. */
export class QueryConfig {
  @IsInt() @Min(1) @Max(65535) QUERY_PORT = 8081;
  @IsString() DATABASE_URL = DEFAULT_DATABASE_URL;
  @IsBoolean() DB_MIGRATE = true;
  @IsString() KAFKA_BROKERS = '127.0.0.1:9092';
  @IsString() KAFKA_TOPIC = DEFAULT_TOPIC;
  @IsOptional() @IsString() @MinLength(16) ADMIN_API_KEY?: string = undefined;
  /** Alerts: evaluate every rule this often (windows roll over at local midnight), and at most once per ALERTS_COALESCE_MS after projector commits. */
  @IsInt() @Min(100) @Max(3_600_000) ALERTS_EVALUATE_INTERVAL_MS = 30_000;
  @IsInt() @Min(50) @Max(60_000) ALERTS_COALESCE_MS = 1_000;
  /** Alerts: look for due webhook notifications this often; each attempt waits this long for an answer. */
  @IsInt() @Min(50) @Max(60_000) ALERTS_DELIVERY_POLL_MS = 1_000;
  @IsInt() @Min(100) @Max(60_000) ALERTS_DELIVERY_TIMEOUT_MS = 5_000;
  /** Alerts: attempts per notification, and the first retry delay (doubling each time, capped at an hour). */
  @IsInt() @Min(1) @Max(30) ALERTS_DELIVERY_ATTEMPTS = 8;
  @IsInt() @Min(10) @Max(3_600_000) ALERTS_RETRY_BASE_MS = 5_000;
  /** Live stream (/v1/stream): a `: ping` comment this often keeps proxies from closing it; clients reconnect after STREAM_RETRY_MS. */
  @IsInt() @Min(100) @Max(300_000) STREAM_HEARTBEAT_MS = 15_000;
  @IsInt() @Min(100) @Max(300_000) STREAM_RETRY_MS = 3_000;
}
