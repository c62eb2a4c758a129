/**
 * Hash-based navigation: `#/incidents/<id>`. The address survives a reload and works from
 * app://workbook and from a static web server alike, with no server-side routes.
 */
import { useSyncExternalStore } from 'react';

export const SCREENS = ['dashboard', 'procedures', 'contacts', 'incidents', 'exchange', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  readonly screen: Screen;
  readonly id: string | null;
}

export function parseRoute(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  const known = (SCREENS as readonly string[]).includes(screen ?? '') ? (screen as Screen) : 'dashboard';
  return { screen: known, id: id ? decodeURIComponent(id) : null };
}

export function routeHref(screen: Screen, id: string | null = null): string {
  return id ? `#/${screen}/${encodeURIComponent(id)}` : `#/${screen}`;
}

export function navigate(screen: Screen, id: string | null = null): void {
  window.location.hash = routeHref(screen, id);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
