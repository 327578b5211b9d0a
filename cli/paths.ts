/**
 * Files that ship with Pulseboard, found from its package root: the CLI runs from source (tests),
 * from dist/cli/main.js or from one of its chunks, each at a different depth.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'bin', 'pulseboard.js'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        'Pulseboard’s install folder was not found (no bin/pulseboard.js above the CLI).',
      );
    dir = parent;
  }
  return dir;
}

const ROOT = packageRoot();

/** The built dashboard (`npm run build` → dist/web; its overview renderer beside it in dist/ssr). */
export const WEB_ROOT = join(ROOT, 'dist', 'web') + '/';

/** The committed template for `.env`. */
export const ENV_EXAMPLE = join(ROOT, '.env.example');

/** Where `pulseboard demo` keeps its config and database (relative to the working directory). */
export const DEMO_DIR = join('data', 'demo');
