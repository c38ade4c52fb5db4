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
}
