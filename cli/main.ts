/**
 * The `pulseboard` command: the composition root that wires config, database, collectors and
 * server. `main` returns the exit code: 0 ok, 1 runtime failure, 2 bad usage or config.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/errors.js';
import { DatabaseError } from '../db/errors.js';
import { registerAlerts } from './commands/alerts.js';
import { registerBackup } from './commands/backup.js';
import { registerCollect } from './commands/collect.js';
import { registerConfigCommands } from './commands/config.js';
import { registerDbCommands } from './commands/db.js';
import { registerDemo } from './commands/demo.js';
import { registerDigest } from './commands/digest.js';
import { registerDoctor } from './commands/doctor.js';
import { registerInit } from './commands/init.js';
import { registerMigrate } from './commands/migrate.js';
import { registerRecord } from './commands/record.js';
import { registerRefresh } from './commands/refresh.js';
import { registerReport } from './commands/report.js';
import { registerStart } from './commands/start.js';
import { registerWorker } from './commands/worker.js';
import { CliFailure, UsageError } from './errors.js';
import { processIo, type CliIo } from './io.js';
import { DEMO_DIR } from './paths.js';

// bin/pulseboard.js exits at once after a stopped command (retry timers may still be pending).
export { stopRequested } from './io.js';

export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
  demo?: boolean;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('pulseboard')
    .description(
      'Community-health KPIs for an open-source project, tracked against its OKR targets.',
    )
    .version('0.1.0', '-V, --version')
    .option('-c, --config <file>', 'config file', 'pulseboard.yaml')
    .option('--verbose', 'show details (stack traces, request logs)')
    .option(
      '--demo',
      "use the demo's config and database (data/demo, written by pulseboard demo) instead of your own",
    )
    .showSuggestionAfterError()
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(oneLine(text)),
    });

  registerStart(program, io);
  registerCollect(program, io);
  registerWorker(program, io);
  registerDoctor(program, io);
  registerDemo(program, io);
  registerDigest(program, io);
  registerAlerts(program, io);
  registerReport(program, io);
  registerRecord(program, io);
  registerRefresh(program, io);
  registerMigrate(program, io);
  registerInit(program, io);
  registerConfigCommands(program, io);
  registerDbCommands(program, io);
  registerBackup(program, io);

  program.hook('preAction', (root, action) => {
    const options = action.optsWithGlobals<GlobalOptions>();
    if (!options.demo || action.name() === 'demo') return;
    const dir = resolve(io.cwd, DEMO_DIR);
    if (!existsSync(join(dir, 'pulseboard.db')))
      throw new UsageError(
        `--demo: there is no demo data in ${DEMO_DIR}; run \`npm run demo\` first (it writes it), then try again.`,
      );
    root.setOptionValueWithSource('config', join(dir, 'pulseboard.yaml'), 'cli');
    io.envOverrides = { ...io.envOverrides, PULSEBOARD_DB: join(dir, 'pulseboard.db') };
  });

  // Subcommands share the program's output settings and error handling.
  for (const command of program.commands) inheritSettings(command, program);
  return program;
}

function inheritSettings(command: Command, program: Command): void {
  command
    .exitOverride()
    .showSuggestionAfterError()
    .configureHelp(program.configureHelp())
    .configureOutput(program.configureOutput());
  for (const sub of command.commands) inheritSettings(sub, program);
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return report(error, io, argv.includes('--verbose'));
  }
}

function report(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version are not errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof ConfigError || error instanceof UsageError) {
    io.stderr(error.message);
    return 2;
  }
  if (error instanceof CliFailure || error instanceof DatabaseError) {
    io.stderr(error.message);
    return 1;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  io.stderr(
    verbose ? (err.stack ?? err.message) : `${err.message} (run again with --verbose for details)`,
  );
  return 1;
}

/** Commander's "error: …\n(Did you mean …?)" as one line. */
function oneLine(text: string): string {
  return `${text.trim().replace(/\s*\n\s*/g, ' ')}\n`;
}
