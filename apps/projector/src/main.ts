import 'reflect-metadata';
import { createLogger, runMain, startHttpApp } from '@app/platform';
import { openDatabase } from '@app/storage';
import { ProjectorModule, readProjectorConfig } from './projector.module';
import { COMMANDS, runProjectionsCli } from './rebuild/projections-cli';

if (COMMANDS.includes(process.argv[2])) {
  // A maintenance job (rebuild, replay) instead of the service.
  void runProjectionsCli(process.argv).then((status) => process.exit(status));
} else {
  const logger = createLogger('projector');
  runMain(logger, async () => {
    const config = readProjectorConfig();
    const db = await openDatabase(config.DATABASE_URL, {
      migrate: config.DB_MIGRATE,
      poolSize: config.PROJECTOR_CONCURRENCY + 2,
      applicationName: 'projector',
    });
    await startHttpApp(ProjectorModule.register(config, db, logger), {
      title: 'Dossier projector',
      description: 'Projects dossier events from Kafka into PostgreSQL; health and metrics only.',
      port: config.PROJECTOR_PORT,
      logger,
    });
  });
}
