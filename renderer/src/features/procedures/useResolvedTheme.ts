import { useSyncExternalStore } from 'react';
import { useUiStore } from '../../stores/useUiStore';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(onChange: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** The theme on screen: the user's choice, or the system's when the choice is "system". */
export function useResolvedTheme(): 'light' | 'dark' {
  const theme = useUiStore((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribe, () => darkQuery().matches);
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

const narrowQuery = () => window.matchMedia('(max-width: 900px)');

function subscribeNarrow(onChange: () => void): () => void {
  const query = narrowQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True on small screens, where a procedure opens as an outline rather than a chart. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => narrowQuery().matches);
}
