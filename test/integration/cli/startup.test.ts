/**
 * The CLI starts fast because each command's action is its own chunk, loaded when the command
 * runs (cli/lazy.ts). A static import of an action (or of the database, an API client, the web
 * server) from the registration code would silently make every `pulseboard` run, and every test
 * that spawns it, pay for all of them again.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const MAIN = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
const STATIC_IMPORT = /^(?:import|export)\s(?:[^;]*?\sfrom\s)?"([^"]+)";?$/gm;

/** The packages a module and the chunks it imports statically load (not its dynamic imports). */
function staticPackages(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const [, target] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    if (target!.startsWith('.')) {
      for (const p of staticPackages(join(dirname(file), target!), seen)) packages.add(p);
    } else if (!target!.startsWith('node:')) packages.add(target!);
  }
  return packages;
}

test('starting the CLI loads commander and zod only; each command loads the rest itself', () => {
  expect([...staticPackages(MAIN)].sort()).toEqual(['commander', 'zod']);
});
