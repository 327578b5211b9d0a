#!/usr/bin/env node
// The `pulseboard` command: runs the CLI bundle that `npm install` (prepare) builds into dist/.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'Pulseboard is not built yet; run `npm run build` in its folder, then try again.\n',
  );
  process.exit(1);
}
process.setSourceMapsEnabled(true);
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
