// File names given by uploaders are shown to staff (case pages, attachment lists, Content-Disposition):
// strip what can make a name lie about itself or break a header.
//   - bidi controls: U+202E (RIGHT-TO-LEFT OVERRIDE) turns "身份证gpj.exe" into "身份证exe.jpg" on screen;
//     U+200E/U+200F (marks), U+202A–U+202E (embeddings/overrides), U+2066–U+2069 (isolates), U+061C
//   - C0/C1 control characters and DEL (line breaks in a header, NUL in PostgreSQL text)
//   - zero-width characters and the BOM that hide parts of a name (U+200B–U+200D, U+2060, U+FEFF)
//   - path separators and the characters Windows refuses in names ("<>|:*?)
// The result is trimmed and at most 200 characters; an empty result becomes the fallback. A route that takes folders keeps
// the path (cleanFilePath).

const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const UNSAFE = /["<>|:*?]/g;

export function cleanFileName(name: string | undefined | null, fallback = 'file'): string {
  const base = String(name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(HIDDEN, '').replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return [...clean].slice(0, 200).join('') || fallback;
}

/**
 * A relative path sent by a folder upload ("年度报告/区直部门/教育局.pdf", <input webkitdirectory>): each segment cleaned as
 * by cleanFileName but its leading dots kept (so a hidden file such as ".DS_Store" can be told and skipped), empty and
 * dot-only segments ("." "..") dropped, joined with "/"; at most 300 characters (the end kept).
 */
export function cleanFilePath(name: string | undefined | null, fallback = 'file'): string {
  const segments = String(name ?? '').split(/[\\/]/).map((s) => s.replace(HIDDEN, '').replace(UNSAFE, '').replace(/\s+/g, ' ').trim()).filter((s) => s && !/^\.+$/.test(s));
  const path = segments.join('/');
  return [...path].slice(-300).join('') || fallback;
}

/** True when a name carries a character cleanFileName removes (for tests and diagnostics). */
export function hasHiddenCharacters(name: string): boolean {
  return new RegExp(HIDDEN.source).test(name);
}

/**
 * A Content-Disposition header for a download (RFC 6266): the plain `filename` an ASCII fallback for old clients,
 * `filename*` the real (Chinese) name in UTF-8, percent-encoded per RFC 8187 (attr-char: also ' ( ) * encoded).
 */
export function contentDisposition(name: string, asciiFallback: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(cleanFileName(name)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
