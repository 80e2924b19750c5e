// The page kit: import from here (`import { PortalLayout, TextField, renderPage } from '../../ui/index.ts'`).
import { fileURLToPath } from 'node:url';

export * from './types.ts';
export { t, hasKey, pickLocale, interpolate, DEFAULT_LOCALE } from './i18n.ts';
export { formatDateZh, formatDateTable, formatDateProse, formatInstant } from './dates.ts';
export { buildHref, safeLocalPath, type Query } from './url.ts';
export { renderPage } from './render.tsx';
export { Document, STATIC_PREFIX, htmlClass } from './layouts/Document.tsx';
export { PortalLayout, PORTAL_SECTIONS, prefsHref, feedHref, type PortalLayoutProps, type PortalSection } from './layouts/PortalLayout.tsx';
export { AdminLayout, ADMIN_NAV, SKELETON_FEATURES, visibleNav, type AdminLayoutProps, type AdminNavKey, type AdminShell } from './layouts/AdminLayout.tsx';
export { BareLayout, type BareLayoutProps } from './layouts/BareLayout.tsx';
export * from './components/forms.tsx';
export * from './components/DataTable.tsx';
export * from './components/status.tsx';
export * from './components/navigation.tsx';
export * from './pages/HomePage.tsx';
export * from './pages/SignInPage.tsx';
export * from './pages/DashboardPage.tsx';
export * from './pages/UsersPages.tsx';
export * from './pages/AuditPage.tsx';
export * from './pages/PasswordPage.tsx';
export * from './pages/ErrorPages.tsx';

/** The folder to serve at STATIC_PREFIX ('/static/'), e.g. with @fastify/static. */
export const uiStaticDir = fileURLToPath(new URL('./static/', import.meta.url));
