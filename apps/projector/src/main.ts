import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { createLogger, runMain, startHttpApp } from '@app/platform';
import { openDatabase } from '@app/storage';
import { ProjectorModule, readProjectorConfig } from './projector.module';
import { COMMANDS, runProjectionsCli } from './rebuild/projections-cli';

/** Above this heap limit the process runs with V8's default, which lets the heap grow to about twice what is live. */
const UNCAPPED_HEAP_MIB = 1024;

if (COMMANDS.includes(process.argv[2])) {
  // A maintenance job (rebuild, replay) instead of the service.
  void runProjectionsCli(process.argv).then((status) => process.exit(status));
} else {
  const logger = createLogger('projector');
  runMain(logger, async () => {
    const config = readProjectorConfig();
    const heapLimitMiB = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
    if (heapLimitMiB > UNCAPPED_HEAP_MIB) {
      logger.warn({ heapLimitMiB }, 'the V8 heap is not capped: run the projector with node --max-old-space-size=384 (README, "Memory")');
    }
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
