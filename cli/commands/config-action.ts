import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../../config/json-schema.js';
import type { CliIo } from '../io.js';

/** `pulseboard config schema`. */
export default function configSchemaAction(io: CliIo, options: { out?: string }): void {
  const text = `${JSON.stringify(configJsonSchema, null, 2)}\n`;
  if (!options.out) return io.stdout(text);
  writeFileSync(resolve(io.cwd, options.out), text);
  io.stderr(`Wrote ${options.out}.`);
}
