// Test data builders: buildX(db, overrides) inserts a valid row, creating missing parents.
// They write through Kysely directly (no audit events), so tests control exactly what exists.
import type { Kysely, Selectable } from 'kysely';
import type { AgenciesTable, Database, UsersTable } from '../../src/db/types.ts';
import { creditCodeCheckChar } from '../../src/features/agencies/credit-code.ts';
import { hashPassword } from '../../src/features/auth/password.ts';

export const TEST_PASSWORD = 'test12345';

let seq = 0;
const next = () => `${process.pid % 10000}${++seq}`.padStart(8, '0').slice(-8);

/** A fresh, valid 统一社会信用代码 (check character per GB 32100-2015), unique within the run. */
export function uniqueCreditCode(): string {
  const first17 = `11370699M${next()}`; // 2+6+1+8 = 17 characters
  return first17 + creditCodeCheckChar(first17)!;
}

export async function buildAgency(db: Kysely<Database>, overrides: Partial<Selectable<AgenciesTable>> = {}): Promise<Selectable<AgenciesTable>> {
  const now = new Date().toISOString();
  const n = next();
  return db
    .insertInto('agencies')
    .values({
      parent_id: null,
      name: `测试机构${n}`,
      short_name: null,
      credit_code: uniqueCreditCode(),
      kind: 'department',
      address: '测试地址',
      office_hours: null,
      phone: '0535-0000000',
      fax: null,
      email: null,
      website: null,
      postcode: '264000',
      work_body_name: `测试机构${n}办公室`,
      review_body_name: '测试区人民政府',
      created_at: now,
      updated_at: now,
      ...overrides,
      ...(overrides.id === undefined ? {} : { id: overrides.id }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let hashCache: Promise<string> | undefined;

/** Creates a user (password TEST_PASSWORD unless password_hash is given); creates an agency when agency_id is missing. */
export async function buildUser(db: Kysely<Database>, overrides: Partial<Selectable<UsersTable>> = {}): Promise<Selectable<UsersTable>> {
  const agencyId = overrides.agency_id ?? (await buildAgency(db)).id;
  hashCache ??= hashPassword(TEST_PASSWORD);
  const now = new Date().toISOString();
  const n = next();
  return db
    .insertInto('users')
    .values({
      username: `user${n}`,
      display_name: `测试用户${n}`,
      password_hash: await hashCache,
      role: 'officer',
      active: 1,
      created_at: now,
      updated_at: now,
      ...overrides,
      agency_id: agencyId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
