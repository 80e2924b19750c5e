// Builds links that keep list filters in the URL (ui.md: "filters kept in the URL").

export type Query = Record<string, string | number | undefined | null>;

/** buildHref('/admin/audit', { action: 'user.create', page: 2, empty: '' }) → '/admin/audit?action=user.create&page=2' */
export function buildHref(base: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

/** Longest redirect target taken from a request (a page address of this site is far shorter). */
export const MAX_LOCAL_PATH = 512;

/**
 * Accepts only a short same-site path as a redirect target ("back" / "next"): must start with one '/',
 * no scheme, no '//' host, no backslash, no control or non-ASCII characters (a browser sends them
 * percent-encoded), at most MAX_LOCAL_PATH characters — it goes into a Location header as it is.
 * Anything else becomes the fallback.
 */
export function safeLocalPath(input: string | undefined | null, fallback = '/'): string {
  if (!input || typeof input !== 'string') return fallback;
  if (input.length > MAX_LOCAL_PATH) return fallback;
  if (!input.startsWith('/') || input.startsWith('//') || input.includes('\\')) return fallback;
  if (/[^\x21-\x7e]/.test(input)) return fallback;
  return input;
}
