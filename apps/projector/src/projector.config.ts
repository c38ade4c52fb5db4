import { DEFAULT_TOPIC } from '@app/contract';
import { DEFAULT_DATABASE_URL } from '@app/storage';
import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';

/** The projector's environment (SPEC §4), validated at start. */
export class ProjectorConfig {
  @IsInt() @Min(1) @Max(65535) PROJECTOR_PORT = 8082;
  @IsString() DATABASE_URL = DEFAULT_DATABASE_URL;
  @IsBoolean() DB_MIGRATE = true;
  @IsString() KAFKA_BROKERS = '127.0.0.1:9092';
  @IsString() KAFKA_TOPIC = DEFAULT_TOPIC;
  @IsInt() @Min(1) KAFKA_TOPIC_PARTITIONS = 6;
  @IsInt() @Min(1) KAFKA_REPLICATION_FACTOR = 1;
  @IsString() PROJECTOR_GROUP_ID = 'dossier-projector';
  /** Partitions projected at once (each in its own transaction and connection). */
  @IsInt() @Min(1) @Max(64) PROJECTOR_CONCURRENCY = 2;
  /** Most events applied in one PostgreSQL transaction. */
  @IsInt() @Min(1) @Max(100000) PROJECTOR_MAX_TX_EVENTS = 5000;
  @IsInt() @Min(1024) PROJECTOR_MAX_BYTES_PER_PARTITION = 2 * 1024 * 1024;
}
