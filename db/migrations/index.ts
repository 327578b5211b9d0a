/** Every migration, in order. Listed here (not read from disk) so bundling and tsx both work. */
import type { Migration } from 'kysely';
import * as init from './0001_init.js';
import * as digestDelivery from './0002_digest_delivery.js';
import * as starDay from './0004_star_day.js';

export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_digest_delivery': digestDelivery,
  '0004_star_day': starDay,
};
