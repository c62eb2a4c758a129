/**
 * UI state only: which workspace is on screen, theme, filters, open dialogs, notices. Records are
 * never copied in here; lists come from the database through live queries.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Workspace } from '../../../shared/model/workspace';
import type { TimelineFilter } from '../../../shared/logbook/timelineFilter';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'success' | 'error';
  /** A translation key and its values, so a notice follows a language switch. */
  readonly messageKey: string;
  readonly values?: Readonly<Record<string, string>>;
}

/** What the help dialog shows: one of the guides, or the keyboard shortcuts. */
export type HelpTopic = 'authority' | 'liaison' | 'desk' | 'shortcuts';

export interface UiState {
  workspace: Workspace;
  theme: ThemePreference;
  contactQuery: string;
  incidentStatusFilter: 'active' | 'all';
  /** Logbook timeline filter criteria by incident id (criteria only; entries stay in the database). */
  logFilters: Readonly<Record<string, TimelineFilter>>;
  dialog: null | 'new-incident' | 'new-contact' | 'edit-contact' | 'new-procedure' | 'crisis-binder';
  notices: readonly Notice[];
  /** The help dialog's topic while it is open (it is separate from `dialog`: help opens over any of them). */
  helpTopic: HelpTopic | null;
  setWorkspace: (workspace: Workspace) => void;
  toggleWorkspace: () => void;
  setTheme: (theme: ThemePreference) => void;
  setContactQuery: (query: string) => void;
  setIncidentStatusFilter: (filter: 'active' | 'all') => void;
  setLogFilter: (incidentId: string, filter: TimelineFilter) => void;
  openDialog: (dialog: NonNullable<UiState['dialog']>) => void;
  closeDialog: () => void;
  notify: (notice: Omit<Notice, 'id'>) => void;
  dismissNotice: (id: number) => void;
  openHelp: (topic: HelpTopic) => void;
  closeHelp: () => void;
}

let nextNoticeId = 1;

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      workspace: 'exercise',
      theme: 'system',
      contactQuery: '',
      incidentStatusFilter: 'active',
      logFilters: {},
      dialog: null,
      notices: [],
      helpTopic: null,
      setWorkspace: (workspace) => set({ workspace, dialog: null }),
      toggleWorkspace: () => set((s) => ({ workspace: s.workspace === 'real' ? 'exercise' : 'real', dialog: null })),
      setTheme: (theme) => set({ theme }),
      setContactQuery: (contactQuery) => set({ contactQuery }),
      setIncidentStatusFilter: (incidentStatusFilter) => set({ incidentStatusFilter }),
      setLogFilter: (incidentId, filter) => set((s) => ({ logFilters: { ...s.logFilters, [incidentId]: filter } })),
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: null }),
      notify: (notice) => set((s) => ({ notices: [...s.notices.slice(-3), { ...notice, id: nextNoticeId++ }] })),
      dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
      openHelp: (helpTopic) => set({ helpTopic }),
      closeHelp: () => set({ helpTopic: null }),
    }),
    {
      name: 'crisis-workbook-ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Only preferences survive a restart; filters, dialogs and notices do not.
      partialize: (s) => ({ workspace: s.workspace, theme: s.theme }),
    },
  ),
);
