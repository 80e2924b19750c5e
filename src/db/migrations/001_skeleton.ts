// 001_skeleton: agencies (tree), users, server-side sessions, audit trail.
import { sql, type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));

  await db.schema
    .createTable('agencies')
    .addColumn('id', ...id)
    .addColumn('parent_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlKind()))
    .addColumn('address', 'text')
    .addColumn('office_hours', 'text')
    .addColumn('phone', 'text')
    .addColumn('fax', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('postcode', 'text')
    .addColumn('work_body_name', 'text')
    .addColumn('review_body_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('agencies_parent_idx').on('agencies').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', ...id)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sqlRole()))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('users_agency_idx').on('users').column('agency_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', ...id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();
  await db.schema.createIndex('audit_events_entity_idx').on('audit_events').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_events_agency_idx').on('audit_events').column('agency_id').execute();
}

function sqlKind() {
  return sql`kind in ('government', 'department', 'street', 'community')`;
}
function sqlRole() {
  return sql`role in ('admin', 'officer', 'reviewer', 'leader', 'supervisor')`;
}
