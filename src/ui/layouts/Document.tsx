// The HTML document every layout shares: lang, viewport, the stylesheet, the optional script,
// and the 长辈模式 / high-contrast classes on <html>. No external URL (CSP: same origin only).
import type { ReactNode } from 'react';
import type { Locale, Prefs } from '../types.ts';

/** Where the backend serves src/ui/static/ (see src/ui/README.md). */
export const STATIC_PREFIX = '/static/';

export function htmlClass(prefs: Prefs | undefined): string | undefined {
  const cls = [prefs?.largeText ? 'gk-large' : '', prefs?.highContrast ? 'gk-contrast' : ''].filter(Boolean).join(' ');
  return cls || undefined;
}

export function Document({
  locale,
  title,
  prefs,
  bodyClass,
  feed,
  children,
}: {
  locale: Locale;
  title: string;
  prefs?: Prefs;
  bodyClass?: string;
  /** an RSS feed announced in the head (feed readers and browsers find it there) */
  feed?: { href: string; title: string };
  children: ReactNode;
}) {
  return (
    <html lang={locale} className={htmlClass(prefs)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <title>{title}</title>
        <link rel="icon" href={`${STATIC_PREFIX}favicon.svg`} type="image/svg+xml" />
        <link rel="stylesheet" href={`${STATIC_PREFIX}site.css`} />
        {feed ? <link rel="alternate" type="application/rss+xml" title={feed.title} href={feed.href} /> : null}
        <script src={`${STATIC_PREFIX}site.js`} defer />
      </head>
      <body className={bodyClass}>{children}</body>
    </html>
  );
}
