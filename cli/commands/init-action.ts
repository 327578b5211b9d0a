import { chmodSync, copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseConfigText } from '../../config/load.js';
import { PLACEHOLDER_REPO, renderStarterConfig } from '../../config/starter.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { ENV_EXAMPLE } from '../paths.js';

interface InitOptions extends GlobalOptions {
  repo?: string[];
  guild?: string;
  project?: string;
  force?: boolean;
}

export default function initAction(io: CliIo, _options: unknown, command: Command): void {
  const options = command.optsWithGlobals<InitOptions>();
  const file = resolve(io.cwd, options.config ?? 'pulseboard.yaml');
  const shown = relative(io.cwd, file) || file;
  if (existsSync(file) && !options.force) {
    throw new UsageError(`${shown} already exists; edit it, or pass --force to overwrite it.`);
  }
  const repos = options.repo ?? [];
  const text = renderStarterConfig({
    project: options.project ?? repos[0]?.split('/')[1] ?? basename(io.cwd),
    repos,
    guildId: options.guild ?? null,
    year: new Date().getUTCFullYear(),
  });
  parseConfigText(text, shown); // the starter must always be a valid config
  writeFileSync(file, text);
  io.stderr(`Wrote ${shown}.`);

  const envFile = resolve(io.cwd, '.env');
  if (!existsSync(envFile)) {
    copyFileSync(ENV_EXAMPLE, envFile);
    chmodSync(envFile, 0o600); // it will hold tokens
    io.stderr(
      'Wrote .env: put your GITHUB_TOKEN (and DISCORD_BOT_TOKEN) there; keep it out of git.',
    );
  }
  if (repos.length === 0) {
    io.stderr(`Edit github.repos in ${shown}: it lists the placeholder ${PLACEHOLDER_REPO}.`);
  }
  io.stderr('Next: set your targets under okrs:, then run `npx pulseboard start`.');
}
