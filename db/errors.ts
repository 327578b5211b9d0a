/**
 * The database could not be opened or reached; the message says which and what to check. On its
 * own, so the CLI can tell it apart without loading the database drivers.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}
