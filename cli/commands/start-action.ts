import type { Command } from 'commander';
import { loadCommandConfig } from '../config.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { queueOptions } from '../queue-options.js';
import { serve } from '../serve.js';

interface StartOptions extends GlobalOptions {
  port?: number;
  schedule: boolean;
  queue?: boolean;
}

export default async function startAction(
  io: CliIo,
  _options: unknown,
  command: Command,
): Promise<void> {
  const options = command.optsWithGlobals<StartOptions>();
  const config = loadCommandConfig(io, options.config);
  const queue = options.queue ? queueOptions(config, 'start --queue') : undefined;
  const serving = await serve(config, io, {
    port: options.port ?? config.env.port,
    schedule: options.schedule,
    verbose: options.verbose ?? false,
    queue,
  });
  io.stderr(`Pulseboard for ${config.project} is serving ${serving.url} (data: ${serving.where}).`);
  try {
    const signal = await io.untilStopped();
    io.stderr(`Stopping (${signal}).`);
  } finally {
    await serving.stop();
  }
}
