// Work-queue queries (both engines): the staff who get the daily work digest.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface DigestRecipient {
  id: number;
  username: string;
  display_name: string;
  role: Database['users']['role'];
  agency_id: number;
  agency_name: string;
  email: string;
}

/** Active users with their own address and the digest switched on. */
export async function digestRecipients(db: Executor): Promise<DigestRecipient[]> {
  const rows = await db.selectFrom('users').innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.agency_id', 'agencies.name as agency_name', 'users.email'])
    .where('users.active', '=', 1).where('users.digest_enabled', '=', 1).where('users.email', 'is not', null)
    .orderBy('users.id').execute();
  return rows.filter((r): r is DigestRecipient => typeof r.email === 'string' && r.email.includes('@'));
}
