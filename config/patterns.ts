/** Shapes shared by the config file and command-line flags. */
import { z } from 'zod';

export const REPO_PATTERN = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
export const SNOWFLAKE_PATTERN = /^\d{17,20}$/;

const isoDate = z.iso.date();
/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export const isIsoDate = (value: string): boolean => isoDate.safeParse(value).success;
