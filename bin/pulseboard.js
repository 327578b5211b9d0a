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
const { main, stopRequested } = await import(bundle.href);
const code = await main(process.argv.slice(2));
// After Ctrl-C the command has stopped cleanly; a retry timer of the pass it cut short must not
// keep the process alive (Ctrl-C ends every command within 2 s).
if (stopRequested()) process.exit(code);
process.exitCode = code;
