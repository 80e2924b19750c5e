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

/**
 * Accepts only a same-site path as a redirect target ("back" / "next"): must start with one '/',
 * no scheme, no '//' host, no backslash. Anything else becomes the fallback.
 */
export function safeLocalPath(input: string | undefined | null, fallback = '/'): string {
  if (!input || typeof input !== 'string') return fallback;
  if (!input.startsWith('/') || input.startsWith('//') || input.includes('\\')) return fallback;
  if (/[\r\n\t]/.test(input)) return fallback;
  return input;
}
