import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workspace } from '../../../shared/model/workspace';
import { useUiStore } from '../stores/useUiStore';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribeToSystemTheme(onChange: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Theme, language and workspace marking on the document itself (title, html attributes). */
export function useDocumentPreferences(workspace: Workspace | null): void {
  const theme = useUiStore((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribeToSystemTheme, () => darkQuery().matches);
  const { t, i18n } = useTranslation();

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  }, [theme, systemDark]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    const base = t('app.name');
    document.title = workspace === 'exercise' ? `${t('workspace.exerciseMarking')} · ${base}` : base;
    if (workspace) document.documentElement.dataset['workspace'] = workspace;
    else delete document.documentElement.dataset['workspace'];
  }, [workspace, t, i18n.language]);
}
