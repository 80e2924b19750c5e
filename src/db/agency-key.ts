// Migration helper (decision 205): gives a child table the agency key of its parent, so that a record and its
// ledger, files or versions are found by an index that starts with agency_id and would live on one Citus node.
//   1. add the column agency_id;
//   2. backfill it from the parent (`agencyOf`: a scalar subquery over the table's own columns);
//   3. make it required: PostgreSQL `set not null`; SQLite cannot add a NOT NULL column without a default, so two
//      triggers refuse an insert or update that leaves it empty (same effect, checked by tests/integration/agency-key.test.ts);
//   4. replace the parent-led indexes by the same columns led by agency_id (unique stays unique: Citus needs the
//      distribution column in every unique key, and (agency_id, parent_id, …) is as unique as (parent_id, …) because a
//      parent has one agency).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

export interface AgencyKeyIndex {
  /** the index to drop (it led with the parent's id); omitted when there was none */
  drop?: string;
  /** a unique constraint (SQLite: its autoindex cannot be dropped; it is kept and the new index is added) */
  dropConstraint?: string;
  name: string;
  /** the columns after agency_id */
  columns: string[];
  unique?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function addAgencyKey(db: Kysely<any>, table: string, agencyOf: string, indexes: AgencyKeyIndex[]): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema.alterTable(table).addColumn('agency_id', 'integer').execute();
  await sql`update ${sql.table(table)} set agency_id = (${sql.raw(agencyOf)})`.execute(db);
  if (pg) {
    await sql`alter table ${sql.table(table)} alter column agency_id set not null`.execute(db);
  } else {
    for (const when of ['insert', 'update of agency_id']) {
      await sql.raw(`create trigger ${table}_agency_required_${when.split(' ')[0]} before ${when} on ${table}
        when new.agency_id is null begin select raise(abort, 'NOT NULL constraint failed: ${table}.agency_id'); end`).execute(db);
    }
  }
  for (const ix of indexes) {
    if (ix.drop) await db.schema.dropIndex(ix.drop).execute();
    if (ix.dropConstraint && pg) await db.schema.alterTable(table).dropConstraint(ix.dropConstraint).execute();
    let b = db.schema.createIndex(ix.name).on(table).columns(['agency_id', ...ix.columns]);
    if (ix.unique) b = b.unique();
    await b.execute();
  }
}
