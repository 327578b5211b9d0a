import type { CliIo } from './io.js';

/** What a command's action module exports as its default: the action, given the CLI's io first. */
export type Action<Args extends unknown[]> = (io: CliIo, ...args: Args) => unknown;

/**
 * A command's action that loads its module only when the command runs, so `--help`, `--version`,
 * a usage error or another command never load what it needs (database drivers, API clients, the
 * web server: most of the CLI's start-up time). The bundle splits each such module into its own
 * chunk. Pattern: registration in `commands/x.ts`, the action in `commands/x-action.ts`:
 *
 *     .action(lazy(io, () => import('./x-action.js')))
 *
 * The action receives io, then commander's arguments (the command's arguments, its options, the
 * command itself).
 */
export function lazy<Args extends unknown[]>(
  io: CliIo,
  load: () => Promise<{ default: Action<Args> }>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const { default: action } = await load();
    await action(io, ...args);
  };
}
