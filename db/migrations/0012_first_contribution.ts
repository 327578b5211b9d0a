/**
 * Each contributor's first contribution per repository (`first_contribution`), kept by triggers on
 * `contribution` so an incremental rollup refresh reads who is new without aggregating the whole
 * table: an insert lowers the stored time when it is earlier; a delete, or an update that moves a
 * contribution (another time, contributor or repository), looks the first one up again from the
 * remaining rows (through the `contribution_first` index) when the row it removed was the first.
 * Every writer is covered (collectors, `db copy`, tests). Backfilled from the stored contributions.
 * Times compare as text, byte by byte (`COLLATE "C"` on PostgreSQL), as the rollups compare them.
 * Frozen.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('first_contribution')
    .addColumn('repo_id', 'text', (c) => c.notNull())
    .addColumn('contributor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('first_contribution_pk', ['repo_id', 'contributor'])
    .execute();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql
    .raw(
      `INSERT INTO first_contribution (repo_id, contributor, at)
       SELECT repo_id, contributor, min(at${postgres ? ' COLLATE "C"' : ''})
       FROM contribution GROUP BY repo_id, contributor`,
    )
    .execute(db);
  if (postgres) for (const s of POSTGRES) await sql.raw(s).execute(db);
  else for (const s of SQLITE) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw('DROP TRIGGER IF EXISTS first_contribution_keep ON contribution').execute(db);
    await sql.raw('DROP FUNCTION IF EXISTS first_contribution_keep()').execute(db);
  } else
    for (const op of ['insert', 'update', 'delete'])
      await sql.raw(`DROP TRIGGER IF EXISTS first_contribution_${op}`).execute(db);
  await db.schema.dropTable('first_contribution').execute();
}

const stored = (row: 'OLD' | 'NEW') =>
  `SELECT 1 FROM first_contribution WHERE repo_id = ${row}.repo_id AND contributor = ${row}.contributor`;

/**
 * The stored first of `row`'s contributor and repository goes if it was `row`, then is looked up.
 * (No `INSERT OR IGNORE`: an upsert's conflict policy would override the trigger's.)
 */
const sqliteForget = (row: 'OLD') => `
  DELETE FROM first_contribution
    WHERE repo_id = ${row}.repo_id AND contributor = ${row}.contributor AND at = ${row}.at;
  INSERT INTO first_contribution (repo_id, contributor, at)
    SELECT repo_id, contributor, min(at) FROM contribution
    WHERE repo_id = ${row}.repo_id AND contributor = ${row}.contributor
      AND NOT EXISTS (${stored(row)})
    GROUP BY repo_id, contributor;`;

/** `row` is the first of its contributor and repository when none is stored or it is earlier. */
const sqliteLower = (row: 'NEW') => `
  INSERT INTO first_contribution (repo_id, contributor, at)
    SELECT ${row}.repo_id, ${row}.contributor, ${row}.at WHERE NOT EXISTS (${stored(row)});
  UPDATE first_contribution SET at = ${row}.at
    WHERE repo_id = ${row}.repo_id AND contributor = ${row}.contributor AND at > ${row}.at;`;

const SQLITE = [
  `CREATE TRIGGER first_contribution_insert AFTER INSERT ON contribution BEGIN ${sqliteLower('NEW')} END`,
  `CREATE TRIGGER first_contribution_delete AFTER DELETE ON contribution BEGIN ${sqliteForget('OLD')} END`,
  `CREATE TRIGGER first_contribution_update AFTER UPDATE OF repo_id, contributor, at ON contribution
   WHEN OLD.repo_id IS NOT NEW.repo_id OR OLD.contributor IS NOT NEW.contributor OR OLD.at IS NOT NEW.at
   BEGIN ${sqliteForget('OLD')} ${sqliteLower('NEW')} END`,
];

const POSTGRES = [
  `CREATE FUNCTION first_contribution_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.repo_id = NEW.repo_id AND OLD.contributor = NEW.contributor
     AND OLD.at = NEW.at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM first_contribution
      WHERE repo_id = OLD.repo_id AND contributor = OLD.contributor AND at = OLD.at;
    INSERT INTO first_contribution (repo_id, contributor, at)
      SELECT repo_id, contributor, min(at COLLATE "C") FROM contribution
      WHERE repo_id = OLD.repo_id AND contributor = OLD.contributor
      GROUP BY repo_id, contributor
      ON CONFLICT (repo_id, contributor) DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO first_contribution AS f (repo_id, contributor, at)
      VALUES (NEW.repo_id, NEW.contributor, NEW.at)
      ON CONFLICT (repo_id, contributor) DO UPDATE SET at = EXCLUDED.at
      WHERE EXCLUDED.at COLLATE "C" < f.at COLLATE "C";
  END IF;
  RETURN NULL;
END $$`,
  `CREATE TRIGGER first_contribution_keep AFTER INSERT OR UPDATE OR DELETE ON contribution
   FOR EACH ROW EXECUTE FUNCTION first_contribution_keep()`,
];
