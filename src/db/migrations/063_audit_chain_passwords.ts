// 063_audit_chain_passwords:
//  - audit trail integrity: audit_events.chain_seq / prev_hash / hash and the chain head audit_chain;
//    every existing event is hashed here, in id order (core/audit/chain.ts, format v1);
//  - users.must_change_password (an administrator-set or generated password is changed at the next sign-in).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { auditEventHash, GENESIS_HASH } from '../../core/audit/chain.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('chain_seq', 'integer').execute();
  await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('hash', 'text').execute();
  await db.schema.createIndex('audit_events_chain_seq_uq').on('audit_events').column('chain_seq').unique().execute();
  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('last_id', 'integer')
    .addCheckConstraint('audit_chain_one_row', sql`id = 1`)
    .execute();

  // Chain the events that exist, oldest first, in pages (keyset on id).
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let lastId: number | null = null;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('id', '>', after).orderBy('id').limit(1000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      seq += 1;
      const hash = auditEventHash(
        {
          id: r.id,
          chain_seq: seq,
          at: r.at,
          actor_user_id: r.actor_user_id,
          actor_name: r.actor_name,
          agency_id: r.agency_id,
          action: r.action,
          entity: r.entity,
          entity_id: r.entity_id,
          before_json: r.before_json,
          after_json: r.after_json,
          request_id: r.request_id,
          prev_hash: prevHash,
        },
        sha256,
      );
      await db.updateTable('audit_events').set({ chain_seq: seq, prev_hash: prevHash, hash }).where('id', '=', r.id).execute();
      prevHash = hash;
      lastId = r.id;
    }
    after = rows[rows.length - 1]!.id;
  }
  await db.insertInto('audit_chain').values({ id: 1, last_seq: seq, last_hash: prevHash, last_id: lastId }).execute();

  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
