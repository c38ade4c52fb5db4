/**
 * The projector's maintenance commands (`node dist/apps/projector/main.js --help`): `rebuild` and `replay`.
 * Configuration comes from the same environment as the service (DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC, ...).
 */
import { createLogger, loadConfig } from '@app/platform';
import { openDatabase } from '@app/storage';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ProjectorConfig } from '../projector.config';
import { createProgress } from './progress';
import { rebuildProjections } from './rebuild';
import { RebuildError } from './rebuild-error';
import { replayTopic } from './replay';

export const COMMANDS = ['rebuild', 'replay', 'help', '--help', '-h'];

const integer = (min: number, max: number) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  return n;
};

const ENVIRONMENT_HELP =
  '\nEnvironment (as for the service): DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC, PROJECTOR_GROUP_ID, PROJECTOR_CONCURRENCY,\n' +
  'PROJECTOR_MAX_TX_EVENTS, LOG_LEVEL (default warn for commands). Progress goes to stderr (a bar on a terminal, else a\n' +
  'JSON line every 5 s); the result goes to stdout as one JSON object. Exit status: 0 done, 1 failed or refused.';

function buildCommand(run: (job: () => Promise<unknown>) => Promise<void>): Command {
  const program = new Command()
    .name('projector')
    .description('Without a command: runs the projector service (Kafka → PostgreSQL projections). With one: a maintenance job.')
    .addHelpText('after', ENVIRONMENT_HELP);
  program
    .command('rebuild')
    .description(
      'Rebuild every projection (dossiers, counters, agencies, procedures) from the events table into a new version of the ' +
        'projection tables while the current version keeps serving and the projector keeps running; then switch readers ' +
        'over atomically and drop the old version.',
    )
    .addOption(new Option('--fetch <rows>', 'events read per round trip from the sorted log').argParser(integer(100, 1_000_000)).default(20_000))
    .addOption(new Option('--work-mem <size>', 'PostgreSQL work_mem of the sorting session').default('256MB'))
    .option('--quiet', 'no progress output')
    .addHelpText('after', ENVIRONMENT_HELP)
    .action((opts: { fetch: number; workMem: string; quiet?: boolean }) =>
      run(async () => {
        const config = loadConfig(ProjectorConfig);
        const logger = createLogger('projector-rebuild', process.env.LOG_LEVEL ?? 'warn');
        const db = await openDatabase(config.DATABASE_URL, { migrate: config.DB_MIGRATE, poolSize: 3, applicationName: 'projector-rebuild' });
        try {
          return await rebuildProjections(db, { fetchSize: opts.fetch, workMem: opts.workMem, progress: createProgress(process.stderr, opts.quiet), logger });
        } finally {
          await db.destroy();
        }
      }),
    );
  program
    .command('replay')
    .description(
      'Replay the topic from its first offset into an empty database (DATABASE_URL; created and migrated if missing), ' +
        'with the projector itself, and stop once everything that was on the topic at the start is applied. Reports events/s.',
    )
    .option('--group-id <id>', 'consumer group to use (default: a new one, deleted afterwards)')
    .option('--quiet', 'no progress output')
    .addHelpText('after', ENVIRONMENT_HELP)
    .action((opts: { groupId?: string; quiet?: boolean }) =>
      run(async () => {
        const config = loadConfig(ProjectorConfig);
        const logger = createLogger('projector-replay', process.env.LOG_LEVEL ?? 'warn');
        return replayTopic(config, { groupId: opts.groupId, progress: createProgress(process.stderr, opts.quiet), logger });
      }),
    );
  return program;
}

/** Runs the command line; resolves to the exit status. */
export async function runProjectionsCli(argv: string[]): Promise<number> {
  let status = 0;
  const run = async (job: () => Promise<unknown>) => {
    try {
      process.stdout.write(`${JSON.stringify(await job())}\n`);
    } catch (e) {
      status = 1;
      const message = e instanceof RebuildError ? e.message : `${(e as Error).message}\n${(e as Error).stack ?? ''}`;
      process.stderr.write(`error: ${message}\n`);
    }
  };
  await buildCommand(run).parseAsync(argv);
  return status;
}
