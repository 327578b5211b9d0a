/** The built dashboard's size: what a browser downloads (gzip), against the 150 KB JS budget. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface SpaSize {
  jsGzipBytes: number;
  cssGzipBytes: number;
}

export function measureSpaSize(): SpaSize {
  const assets = fileURLToPath(new URL('../web/assets/', import.meta.url));
  let jsGzipBytes = 0;
  let cssGzipBytes = 0;
  for (const file of readdirSync(assets)) {
    const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    if (file.endsWith('.js')) jsGzipBytes += size;
    if (file.endsWith('.css')) cssGzipBytes += size;
  }
  return { jsGzipBytes, cssGzipBytes };
}
