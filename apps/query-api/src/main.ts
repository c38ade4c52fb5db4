import 'reflect-metadata';
import { createLogger, runMain, startHttpApp, strictValidationPipe } from '@app/platform';
import { openDatabase } from '@app/storage';
import { QueryModule, readQueryConfig } from './query.module';

const logger = createLogger('query-api');

runMain(logger, async () => {
  const config = readQueryConfig();
  const db = await openDatabase(config.DATABASE_URL, { migrate: config.DB_MIGRATE, poolSize: 20, applicationName: 'query-api' });
  await startHttpApp(QueryModule.register(config, db, logger), {
    title: 'Dossier indicators query API',
    description: 'Indicators, the resolution report and projection status for an agency subtree (SPEC §2, §3). Reader keys.',
    port: config.QUERY_PORT,
    logger,
    openApi: true,
    configure: (app) => app.useGlobalPipes(strictValidationPipe()),
  });
});
