import { fileURLToPath } from 'node:url';

/** The built dashboard (`npm run build` → dist/web). */
export const WEB_ROOT = fileURLToPath(new URL('../dist/web/', import.meta.url));

/** The committed template for `.env`. */
export const ENV_EXAMPLE = fileURLToPath(new URL('../.env.example', import.meta.url));
