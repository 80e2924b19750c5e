// What the http layer attaches to every request (src/http/app.ts fills these in an onRequest hook).
// Declared here, not in http, so that feature route files can use them without importing http.
import type { Locale, Prefs } from '../../ui/types.ts';
import type { Actor } from './actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in staff member, or null */
    actor: Actor | null;
    /** the session's CSRF token ('' without a session) */
    csrfToken: string;
    /** raw session id from the cookie when the session is valid */
    sessionId: string | null;
    locale: Locale;
    prefs: Prefs;
  }
}

export {};
