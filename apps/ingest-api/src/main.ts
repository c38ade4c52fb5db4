import 'reflect-metadata';
import { createLogger, jsonBody, rawBody, runMain, startHttpApp, strictValidationPipe } from '@app/platform';
import { openDatabase } from '@app/storage';
import { MAX_BODY_BYTES } from './events/record-events/read-events-body';
import { countEventOutcomes } from './events/record-events/record-events.metrics';
import { IngestModule, readIngestConfig } from './ingest.module';

const logger = createLogger('ingest-api');

runMain(logger, async () => {
  const config = readIngestConfig();
  const db = await openDatabase(config.DATABASE_URL, { migrate: config.DB_MIGRATE, poolSize: 10, applicationName: 'ingest-api' });
  await startHttpApp(IngestModule.register(config, db, logger), {
    title: 'Dossier events ingest API',
    description: 'One-stop-shop software posts dossier lifecycle events (CloudEvents 1.0, structured JSON). See SPEC §1 and §3.',
    port: config.INGEST_PORT,
    logger,
    openApi: true,
    bodyParser: false,
    configure: (app) => {
      // Events: raw bytes (the route checks media type, UTF-8 and size itself); the rest: small JSON bodies.
      // Outcomes are counted before the body parser, which answers 413 itself.
      app.use('/v1/events', countEventOutcomes, rawBody(MAX_BODY_BYTES));
      app.use(jsonBody(64 * 1024));
      app.useGlobalPipes(strictValidationPipe());
    },
  });
});
