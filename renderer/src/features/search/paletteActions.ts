/**
 * The actions the command palette offers (input empty or starting with ">"): go to a screen, make
 * something new, switch workspace, language or theme, exchange bundles. Each does what the app's
 * own controls do — the same store actions, the same journal write, or the same button pressed on
 * the screen it belongs to — so the palette adds a way in, never a second way of doing things.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, nextLanguage } from '../../../../shared/i18n/languages';
import { foldText } from '../../../../shared/search/text';
import { navigate, SCREENS, useRoute } from '../../app/router';
import { useSession } from '../../app/session';
import { guideForRole } from '../help/guides';
import { useUiStore } from '../../stores/useUiStore';
import { useLockStore } from '../lock/useLockStore';

export interface PaletteAction {
  readonly id: string;
  readonly label: string;
  /** Other words it is found by (folded with the label). */
  readonly keywords: string;
  /** The key that does the same without the palette, to learn it. */
  readonly shortcut: string | null;
  readonly perform: () => void;
}

/** Wait (a few frames, at most two seconds) for an element the next screen renders, then act on it. */
function whenRendered(selector: string, act: (element: HTMLElement) => void): void {
  const until = performance.now() + 2_000;
  const look = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) act(element);
    else if (performance.now() < until) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/** Press a button the screen shows; a disabled one is focused instead, so its hint is read out. */
const press = (element: HTMLElement) => {
  if (element instanceof HTMLButtonElement && element.disabled) element.focus();
  else element.click();
};

// The buttons some actions press, found by where their screens put them (the bundles card of
// the Exchange screen, the outage button in the header).
const EXPORT_BUNDLE_BUTTON = 'section[aria-labelledby="bundles-title"] .button-row button:nth-of-type(1)';
const IMPORT_BUNDLE_BUTTON = 'section[aria-labelledby="bundles-title"] .button-row button:nth-of-type(2)';
const OUTAGE_BUTTON = '.shell-header .outage-indicator';

export function usePaletteActions(): readonly PaletteAction[] {
  const { t } = useTranslation();
  const { journal, profile } = useSession();
  const route = useRoute();
  const workspace = useUiStore((s) => s.workspace);
  const theme = useUiStore((s) => s.theme);
  const openIncidentId = route.screen === 'incidents' && route.id ? route.id : null;
  const openProcedureRoute = route.screen === 'procedures' ? route.id : null;
  const lockEnabled = useLockStore((s) => s.enabled);

  return useMemo(() => {
    const ui = useUiStore.getState;
    const otherWorkspace = workspace === 'real' ? 'exercise' : 'real';
    const otherLanguage = nextLanguage(profile.language);
    const dark = theme === 'dark' || (theme === 'system' && document.documentElement.dataset['theme'] === 'dark');
    const actions: PaletteAction[] = SCREENS.map((screen, i) => ({
      id: `go-${screen}`,
      label: t('search.action.goTo', { screen: t(`nav.${screen}`) }),
      keywords: screen,
      shortcut: `Alt+${i + 1}`,
      perform: () => navigate(screen),
    }));
    if (openIncidentId) {
      actions.push({
        id: 'new-log-entry',
        label: t('search.action.newLogEntry'),
        keywords: 'log entry logbook write record',
        shortcut: 'Alt+N',
        // The quick entry's own shortcut puts the cursor in its field (features/incidents/logShortcuts.ts).
        perform: () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', code: 'KeyN', altKey: true, bubbles: true })),
      });
    }
    actions.push(
      {
        id: 'new-incident',
        label: t('search.action.newIncident'),
        keywords: 'incident create open',
        shortcut: null,
        perform: () => {
          navigate('incidents', openIncidentId);
          ui().openDialog('new-incident');
        },
      },
      {
        id: 'new-contact',
        label: t('search.action.newContact'),
        keywords: 'contact person organisation create',
        shortcut: null,
        perform: () => {
          navigate('contacts');
          ui().openDialog('new-contact');
        },
      },
      {
        id: 'new-procedure',
        label: t('search.action.newProcedure'),
        keywords: 'procedure national create',
        shortcut: null,
        perform: () => {
          navigate('procedures', openProcedureRoute);
          ui().openDialog('new-procedure');
        },
      },
      {
        id: 'crisis-binder',
        label: t('binder.paletteAction'),
        keywords: 'crisis binder print pdf paper procedures call trees wallet cards directory crisismap',
        shortcut: null,
        perform: () => {
          navigate('procedures', openProcedureRoute);
          ui().openDialog('crisis-binder');
        },
      },
      {
        id: 'keyboard-shortcuts',
        label: t('shortcuts.title'),
        keywords: 'keyboard shortcuts keys help sneltoetsen toetsenbord',
        shortcut: '?',
        perform: () => ui().openHelp('shortcuts'),
      },
      {
        id: 'help-guide',
        label: t('help.title'),
        keywords: 'help guide manual handleiding hulp',
        shortcut: 'F1',
        perform: () => ui().openHelp(guideForRole(profile.role)),
      },
      {
        id: 'declare-outage',
        label: t('search.action.declareOutage'),
        keywords: 'outage down network power telephone internet',
        shortcut: null,
        perform: () => whenRendered(OUTAGE_BUTTON, press),
      },
      {
        id: 'switch-workspace',
        label: t('search.action.switchWorkspace', { workspace: t(`workspace.${otherWorkspace}`) }),
        keywords: 'workspace real exercise',
        shortcut: null,
        perform: () => ui().setWorkspace(otherWorkspace),
      },
      {
        id: 'switch-language',
        label: t('search.action.switchLanguage', { language: LANGUAGE_NAMES[otherLanguage] }),
        keywords: 'language taal english nederlands',
        shortcut: null,
        perform: () => {
          journal.update('profile', profile.id, { language: otherLanguage }).catch(() => ui().notify({ tone: 'error', messageKey: 'errors.internal' }));
        },
      },
      {
        id: 'switch-theme',
        label: t('search.action.switchTheme', { theme: t(`settings.themes.${dark ? 'light' : 'dark'}`) }),
        keywords: 'theme dark light',
        shortcut: null,
        perform: () => ui().setTheme(dark ? 'light' : 'dark'),
      },
      {
        id: 'export-bundle',
        label: t('search.action.exportBundle'),
        keywords: 'bundle export send exchange',
        shortcut: null,
        perform: () => {
          navigate('exchange');
          whenRendered(EXPORT_BUNDLE_BUTTON, press);
        },
      },
      {
        id: 'import-bundle',
        label: t('search.action.importBundle'),
        keywords: 'bundle import receive receipt exchange',
        shortcut: null,
        perform: () => {
          navigate('exchange');
          whenRendered(IMPORT_BUNDLE_BUTTON, press);
        },
      },
    );
    // The app lock (features/lock): offered only while it is on.
    if (lockEnabled) actions.push({ id: 'lock-now', label: t('appLock.paletteLock'), keywords: 'lock app passphrase', shortcut: 'Ctrl+L', perform: () => useLockStore.getState().lock() });
    return actions;
  }, [t, journal, profile.id, profile.language, profile.role, workspace, theme, openIncidentId, openProcedureRoute, lockEnabled]);
}

/** The actions whose label or keywords hold every word typed (folded: "taal" finds "Switch language"). */
export function filterActions(actions: readonly PaletteAction[], text: string): readonly PaletteAction[] {
  const words = foldText(text).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return actions;
  return actions.filter((action) => {
    const haystack = foldText(`${action.label} ${action.keywords}`);
    return words.every((word) => haystack.includes(word));
  });
}
