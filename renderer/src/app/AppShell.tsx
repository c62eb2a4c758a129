/**
 * The frame around every screen: exercise banner, header with the workspace switch, navigation,
 * and the notices region. Keyboard: Alt+1…6 open the screens; the desktop menu sends the same.
 * Ctrl+K (⌘K) opens the command palette: search and actions (features/search).
 */
import { ArrowLeftRight, BookOpen, CircleHelp, Cog, LayoutDashboard, NotebookPen, ShieldCheck, Users } from 'lucide-react';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuCommand } from '../../../shared/ipc/contract';
import { ExerciseBanner } from '../components/ExerciseBanner';
import { Notices } from '../components/Notices';
import { WorkspaceSwitch } from '../components/WorkspaceSwitch';
import { OutageIndicator } from '../features/outage/OutageIndicator';
import { ContactsScreen } from '../features/contacts/ContactsScreen';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { ExchangeScreen } from '../features/exchange/ExchangeScreen';
import { IncidentsScreen } from '../features/incidents/IncidentsScreen';
import { ProceduresScreen } from '../features/procedures/ProceduresScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { useUiStore } from '../stores/useUiStore';
import { navigate, routeHref, SCREENS, useRoute, type Screen } from './router';
import { useSession } from './session';
import { syncServiceFor } from '../sync/syncService';
import { useClockNotifications } from '../features/clocks/useClockNotifications';
import { CommandPalette, SearchButton } from '../features/search/CommandPalette';
import { guideForRole } from '../features/help/guides';
import { HelpDialog } from '../features/help/HelpDialog';
import { isHelpKey } from '../features/help/shortcuts';

const ICONS: Record<Screen, ComponentType<{ size?: number; 'aria-hidden'?: boolean }>> = {
  dashboard: LayoutDashboard,
  procedures: BookOpen,
  contacts: Users,
  incidents: NotebookPen,
  exchange: ArrowLeftRight,
  settings: Cog,
};

export function AppShell() {
  const { t } = useTranslation();
  const session = useSession();
  const { db, platform, profile } = session;
  const route = useRoute();
  const workspace = useUiStore((s) => s.workspace);
  useClockNotifications(db);
  // Sync runs for the whole session, whatever screen is open: an outbox must drain the moment a
  // destination is reachable again, not when someone happens to look at the Exchange screen.
  useEffect(() => {
    syncServiceFor(session);
  }, [session]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const screen = SCREENS[Number(event.key) - 1];
      if (screen) {
        event.preventDefault();
        navigate(screen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const role = profile.role;
  // F1, or "?" outside a text field: the help, on the guides (F1) or on the shortcuts ("?").
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isHelpKey(event)) return;
      event.preventDefault();
      const ui = useUiStore.getState();
      if (event.key === '?') ui.openHelp('shortcuts');
      else if (ui.helpTopic === null) ui.openHelp(guideForRole(role));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [role]);

  useEffect(
    () =>
      platform.onMenuCommand((command: MenuCommand) => {
        const [kind, target] = command.split(':');
        if (kind === 'navigate') navigate(target as Screen);
        else if (command === 'workspace:toggle') useUiStore.getState().toggleWorkspace();
        else if (command === 'theme:toggle') {
          const dark = document.documentElement.dataset['theme'] === 'dark';
          useUiStore.getState().setTheme(dark ? 'light' : 'dark');
        }
      }),
    [platform],
  );

  return (
    <div className={`shell workspace-${workspace}`}>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The address holds the route: move focus without touching it.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('shell.skipToContent')}
      </a>
      {workspace === 'exercise' ? <ExerciseBanner /> : null}
      <header className="shell-header">
        <div className="brand">
          <ShieldCheck aria-hidden="true" size={22} />
          <span>{t('app.name')}</span>
        </div>
        <WorkspaceSwitch />
        <SearchButton />
        <OutageIndicator />
        <button type="button" className="icon-button help-button" onClick={() => useUiStore.getState().openHelp(guideForRole(profile.role))} aria-keyshortcuts="F1" title={t('help.openHint')}>
          <CircleHelp size={18} aria-hidden />
          <span className="visually-hidden">{t('help.open')}</span>
        </button>
        <div className="whoami" title={t('shell.signedInAs')}>
          <span className="whoami-person">{profile.person}</span>
          <span className="whoami-org">{profile.organisation}</span>
        </div>
      </header>
      <nav className="shell-nav" aria-label={t('shell.navigation')}>
        <ul>
          {SCREENS.map((screen, index) => {
            const Icon = ICONS[screen];
            const current = route.screen === screen;
            return (
              <li key={screen}>
                <a
                  href={routeHref(screen)}
                  aria-current={current ? 'page' : undefined}
                  className={current ? 'current' : undefined}
                  aria-keyshortcuts={`Alt+${index + 1}`}
                  title={`${t(`nav.${screen}`)} (Alt+${index + 1})`}
                >
                  <Icon size={18} aria-hidden />
                  <span>{t(`nav.${screen}`)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="shell-main" tabIndex={-1}>
        <ScreenView screen={route.screen} id={route.id} />
      </main>
      <Notices />
      <CommandPalette />
      <HelpDialog />
    </div>
  );
}

function ScreenView({ screen, id }: { screen: Screen; id: string | null }) {
  switch (screen) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'procedures':
      return <ProceduresScreen selectedId={id} />;
    case 'contacts':
      return <ContactsScreen selectedId={id} />;
    case 'incidents':
      return <IncidentsScreen selectedId={id} />;
    case 'exchange':
      return <ExchangeScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
