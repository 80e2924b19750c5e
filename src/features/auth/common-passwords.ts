// The shipped list of common passwords (data/common-passwords.txt; sources recorded in its header),
// read once on first use, lower-cased.
import { readFileSync } from 'node:fs';

let cached: ReadonlySet<string> | undefined;

export function commonPasswords(): ReadonlySet<string> {
  if (!cached) {
    const text = readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8');
    cached = new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#!comment:'))
        .map((l) => l.toLowerCase()),
    );
  }
  return cached;
}
