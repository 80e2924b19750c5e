// Helpers for feature page handlers: the admin shell of the current request and sending HTML.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderPage, type AdminShell } from '../../ui/index.ts';
import { roleLabels } from './actor.ts';
import './request.ts';

/**
 * Back-office features that exist: their navigation entries are shown. A new feature appends its
 * nav key here (ui/layouts/AdminLayout.tsx ADMIN_NAV keys).
 */
export const ENABLED_ADMIN_FEATURES: string[] = ['dashboard', 'audit', 'users', 'reports', 'catalogue', 'calendar', 'services'];

export function adminShell(request: FastifyRequest, flash?: AdminShell['flash']): AdminShell {
  const a = request.actor!;
  return {
    locale: request.locale,
    user: { displayName: a.displayName, role: a.role, agencyName: a.agencyName },
    csrfToken: request.csrfToken,
    enabled: ENABLED_ADMIN_FEATURES,
    prefs: request.prefs,
    ...(flash ? { flash } : {}),
  };
}

export function roleLabel(role: keyof typeof roleLabels, locale: string): string {
  return locale === 'en' ? roleLabels[role].en : roleLabels[role].zh;
}

export function sendPage(reply: FastifyReply, element: ReactElement, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(element));
}

/** 303 redirect after a successful form post (post/redirect/get). */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}

/** A one-shot message carried to the next page in a short-lived cookie. */
export const FLASH_COOKIE = 'gk_flash';
export function setFlash(reply: FastifyReply, kind: 'success' | 'error' | 'info', text: string): void {
  reply.setCookie(FLASH_COOKIE, JSON.stringify({ kind, text }), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}
export function takeFlash(request: FastifyRequest, reply: FastifyReply): AdminShell['flash'] {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  try {
    const f = JSON.parse(raw) as { kind?: string; text?: string };
    if ((f.kind === 'success' || f.kind === 'error' || f.kind === 'info') && typeof f.text === 'string') return { kind: f.kind, text: f.text.slice(0, 300) };
  } catch {
    /* ignore a malformed cookie */
  }
  return undefined;
}
