import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { buildApp } from '../../server/app.js';
import { openMigratedDatabase } from '../database.js';
import { CliFailure } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { parsePortFlag } from '../options.js';
import { WEB_ROOT } from '../paths.js';

interface StartOptions extends GlobalOptions {
  port?: number;
  schedule: boolean;
}

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('migrate the database, serve the API and dashboard, and run the schedule')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', parsePortFlag)
    .option('--no-schedule', 'serve only; do not collect or post digests on a schedule')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<StartOptions>();
      const config = loadConfig({ cwd: io.cwd, env: io.env, file: options.config });
      const { database, migration } = await openMigratedDatabase(config.env.database);
      if (migration.applied.length > 0)
        io.stderr(`Database ready: applied ${migration.applied.join(', ')}.`);

      const app = await buildApp({
        database,
        webRoot: WEB_ROOT,
        logger: { level: options.verbose ? 'info' : 'warn', redact: ['req.headers.authorization'] },
      });
      try {
        const port = options.port ?? config.env.port;
        const address = await app
          .listen({ port, host: config.env.host })
          .catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
            throw new CliFailure(
              `Cannot listen on ${config.env.host}:${port} (${error.code}); stop the other server or choose another port with --port or PORT.`,
            );
          });
        io.stderr(
          `Pulseboard for ${config.project} is serving ${displayUrl(address)} (data: ${database.where}).`,
        );
        if (options.schedule) {
          io.stderr(
            'Scheduled collection is not available in this version yet; the dashboard serves stored data.',
          );
        }
        const signal = await io.untilStopped();
        io.stderr(`Stopping (${signal}).`);
      } finally {
        await app.close();
        await database.close();
      }
    });
}

/** Fastify reports the bound address; show a URL a browser can open. */
function displayUrl(address: string): string {
  return address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
}
