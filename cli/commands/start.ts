import type { Command } from 'commander';
import { loadCommandConfig } from '../config.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { parsePortFlag } from '../options.js';
import { queueOptions } from './worker.js';

interface StartOptions extends GlobalOptions {
  port?: number;
  schedule: boolean;
  queue?: boolean;
}

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('migrate the database, serve the API and dashboard, and run the schedule')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', parsePortFlag)
    .option('--no-schedule', 'serve only; do not collect or post digests on a schedule')
    .option(
      '--queue',
      'PostgreSQL: scheduled passes queue GitHub repositories for pulseboard worker processes',
    )
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<StartOptions>();
      const config = loadCommandConfig(io, options.config);
      const queue = options.queue ? queueOptions(config, 'start --queue') : undefined;
      // Loaded on demand: the web server's modules are most of the CLI's start-up time.
      const { serve } = await import('../serve.js');
      const serving = await serve(config, io, {
        port: options.port ?? config.env.port,
        schedule: options.schedule,
        verbose: options.verbose ?? false,
        queue,
      });
      io.stderr(
        `Pulseboard for ${config.project} is serving ${serving.url} (data: ${serving.where}).`,
      );
      try {
        const signal = await io.untilStopped();
        io.stderr(`Stopping (${signal}).`);
      } finally {
        await serving.stop();
      }
    });
}
