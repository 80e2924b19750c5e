// Every field name sealed anywhere in src/features is re-encrypted by a rotation: it is one of the applicants' identity
// columns (their own pass) or listed in SEALED_TABLES. A new sealed column that is not listed fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEALED_TABLES } from './personal-data.service.ts';

const FEATURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APPLICANT_PASS = ['applications.id_number', 'applications.phone', 'applications.email', 'applications.address'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Field names passed to seal / sealBytes: literals, and the string constants those calls name. */
function sealedFieldNames(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of sources(FEATURES)) {
    const text = readFileSync(file, 'utf8');
    const consts = new Map([...text.matchAll(/const (\w+) = '([a-z_]+\.[a-z_0-9]+)'/g)].map((m) => [m[1]!, m[2]!]));
    for (const m of text.matchAll(/\.seal(?:Bytes)?\(\s*(?:'([a-z_]+\.[a-z_0-9]+)'|(\w+))/g)) {
      const name = m[1] ?? consts.get(m[2]!);
      if (name) out.set(name, path.relative(FEATURES, file));
    }
    // field-name constants exported for sealing (…_FIELD = 'table.column')
    for (const [k, v] of consts) if (k.endsWith('_FIELD')) out.set(v, path.relative(FEATURES, file));
  }
  return out;
}

describe('sealed columns', () => {
  const listed = new Set(SEALED_TABLES.flatMap((t) => t.columns.map((c) => c.field)));
  const found = sealedFieldNames();

  it('finds the sealed field names of applications, mail, disclosures, ratings, suggestions and evidence', () => {
    for (const f of ['applications.phone', 'mail_outbox.body', 'application_attachments.content', 'application_disclosures.redaction_terms', 'evaluations.rater_phone', 'suggestions.contact_name', 'evaluation_order_files.content']) {
      expect(found.has(f), f).toBe(true);
    }
  });

  it('every sealed field name is re-encrypted by rotate()', () => {
    const missing = [...found.keys()].filter((f) => !listed.has(f) && !APPLICANT_PASS.includes(f));
    expect(missing).toEqual([]);
  });

  it('each listed column is named once per table, hashes name one of its columns', () => {
    for (const t of SEALED_TABLES) {
      const cols = t.columns.map((c) => c.column);
      expect(new Set(cols).size, t.table).toBe(cols.length);
      for (const h of Object.values(t.hashes ?? {})) expect(cols).toContain(h.of);
    }
  });
});
