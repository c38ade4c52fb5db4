import { DEFAULT_TOPIC } from '@app/contract';
import { DEFAULT_DATABASE_URL } from '@app/storage';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/** The ingest API's environment (SPEC §4), validated at start. */
export class IngestConfig {
  @IsInt() @Min(1) @Max(65535) INGEST_PORT = 8080;
  @IsString() DATABASE_URL = DEFAULT_DATABASE_URL;
  @IsBoolean() DB_MIGRATE = true;
  @IsString() KAFKA_BROKERS = '127.0.0.1:9092';
  @IsString() KAFKA_TOPIC = DEFAULT_TOPIC;
  @IsInt() @Min(1) KAFKA_TOPIC_PARTITIONS = 6;
  @IsInt() @Min(1) KAFKA_REPLICATION_FACTOR = 1;
  /** An overall deadline on publishing one request's events; past it the client gets 503 (never a hang). */
  @IsInt() @Min(500) @Max(60000) KAFKA_SEND_TIMEOUT_MS = 8000;
  @IsOptional() @IsString() @MinLength(16) ADMIN_API_KEY?: string = undefined;
  /** Requests per second per key, unless the key carries its own limit. */
  @IsInt() @Min(1) RATE_LIMIT_PER_SECOND = 200;
}
