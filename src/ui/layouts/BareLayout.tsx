// A plain page for sign-in and error pages: no data beyond the locale, so the error handler can
// always render it (even when the database is down).
import type { ReactNode } from 'react';
import type { Locale, Prefs } from '../types.ts';
import { t } from '../i18n.ts';
import { Document } from './Document.tsx';

export interface BareLayoutProps {
  locale: Locale;
  title: string;
  prefs?: Prefs;
  /** the name shown in the header; default: the product name */
  heading?: string;
  children: ReactNode;
}

export function BareLayout(p: BareLayoutProps) {
  const product = t(p.locale, 'admin.product');
  return (
    <Document locale={p.locale} title={`${p.title} - ${product}`} prefs={p.prefs} bodyClass="gk-bare">
      <a className="gk-skip-link" href="#main">
        {t(p.locale, 'common.skipLink')}
      </a>
      <header className="gk-header">
        <div className="gk-header__inner gk-width">
          <p className="gk-header__brand">
            <a href="/" className="gk-header__home">
              <span className="gk-header__title">{p.heading ?? product}</span>
            </a>
          </p>
        </div>
      </header>
      <div className="gk-width gk-page">
        <main className="gk-main" id="main" tabIndex={-1}>
          {p.children}
        </main>
      </div>
    </Document>
  );
}
