/** Measures PDF pages rendered by `pdftoppm -gray` (binary PGM, P5): how far down the content goes. */
import { readFileSync } from 'node:fs';

/** The pixel rows of a binary PGM, each row an array of grey levels 0–255. */
export function readPgm(file: string): { width: number; height: number; rows: Uint8Array[] } {
  const data = readFileSync(file);
  // Header: "P5" width height maxval, separated by whitespace, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`${file} is not a binary PGM`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  const rows = Array.from({ length: height }, (_, y) =>
    data.subarray(offset + y * width, offset + (y + 1) * width),
  );
  return { width, height, rows };
}

/**
 * The share of a page's printable height (inside `marginShare` at top and bottom) that lies above
 * its last non-white row: 1 for a full page, 0.3 for a page whose bottom 70% is blank.
 */
export function pageFill(file: string, marginShare = 12 / 297): number {
  const { height, rows } = readPgm(file);
  const margin = Math.round(height * marginShare);
  let last = -1;
  rows.forEach((row, y) => {
    if (row.some((grey) => grey < 230)) last = y;
  });
  if (last < 0) return 0;
  return Math.min(1, (last + 1 - margin) / (height - 2 * margin));
}
