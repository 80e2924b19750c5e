// Per-row check digests: what the must-match check needs of an item without opening its values.
// For every element an item holds, a short hash of the form the check compares (values.ts `comparable`), kept with
// the values (service_items.check_digest) and written by every path that writes values. Two rows whose digests of an
// element are equal hold values the check finds equal; only where they differ are the values opened and compared as
// before (mustMatchDifferences), so the result is the one the full comparison gives. Per element, not per set: the
// supervisor may change the must-match set at any time and the stored digests still answer.
//
// Encoding: `${DIGEST_FORMAT};key=hash;key=hash;…` — the default must-match keys first, then the others in the values'
// order, hash = 11 base64url characters (64 bits) of
// "c\0" + comparable form for an element of the schema, of "r\0" + the stored JSON for a key the schema does not know
// (raw equality implies equality under any later definition). An element the item does not hold has no entry: two
// rows without it are equal, as the comparison of two absent values is. Pure: the hash function is passed in
// (node:crypto lives in the feature and the migration).
//
// DIGEST_FORMAT changes whenever `comparable` changes: rows with another format are treated as unknown (the check
// opens their values), so an old digest can never hide a difference.
import { DEFAULT_MUST_MATCH, type ElementDef, type ElementValues } from './elements.ts';
import { comparable } from './values.ts';

export const DIGEST_FORMAT = 'v1';
const FIRST = new Set(DEFAULT_MUST_MATCH);
/** A hash of the text: 11 base64url characters (64 bits) — no ';' or '='. */
export type Hash = (text: string) => string;

/** The digest column of one item's values. */
export function checkDigest(schema: readonly ElementDef[], values: ElementValues, hash: Hash): string {
  const byKey = new Map(schema.map((e) => [e.key, e]));
  let out = `${DIGEST_FORMAT};`;
  // the default must-match elements first: the check finds them near the start of the string
  const keys = [...DEFAULT_MUST_MATCH.filter((k) => k in values), ...Object.keys(values).filter((k) => !FIRST.has(k))];
  for (const k of keys) {
    const v = values[k];
    if (v === undefined) continue;
    const e = byKey.get(k);
    out += `${k}=${hash(e ? `c\0${comparable(e, v)}` : `r\0${typeof v === 'string' ? v : JSON.stringify(v)}`)};`;
  }
  return out;
}

/** Is this stored digest usable (present and of the current format)? */
export function digestUsable(digest: string | null | undefined): digest is string {
  return typeof digest === 'string' && digest.startsWith(`${DIGEST_FORMAT};`);
}

/** Does the digest hold this element with this hash (hash '' = does not hold the element)? No allocation: the check calls
 * it for every row and element of the must-match set. */
export function digestHas(digest: string, needle: string, hash: string): boolean {
  if (hash === '') return digest.indexOf(needle) < 0;
  const at = digest.indexOf(needle);
  return at >= 0 && digest.startsWith(hash, at + needle.length) && digest.charCodeAt(at + needle.length + hash.length) === 59; // ';'
}

/** The search string of an element in a digest (`;key=`). */
export function digestNeedle(key: string): string { return `;${key}=`; }

/** The hash of one element in a usable digest; '' when the item does not hold the element. */
export function elementDigest(digest: string, key: string): string {
  const at = digest.indexOf(`;${key}=`);
  if (at < 0) return '';
  const from = at + key.length + 2;
  return digest.slice(from, digest.indexOf(';', from));
}
