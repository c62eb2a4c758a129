/**
 * PURE: the application menu as data, in the user's language. Items that belong to the
 * workbook (navigation, workspace and theme switches, settings) do not act in main: they send a
 * `menu:command` to the renderer, which owns the UI state. Editing, zoom and window items use
 * Electron roles, which bring the platform's standard shortcuts.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import type { MenuCommand } from '../../shared/ipc/contract';
import { PRODUCT_NAME } from './appIdentity';

export interface MenuContext {
  readonly language: Language;
  readonly platform: NodeJS.Platform;
  /** Packaged builds get no reload and no developer tools. */
  readonly isPackaged: boolean;
  readonly version: string;
}

export interface MenuActions {
  /** Forward a command to the renderer. */
  readonly send: (command: MenuCommand) => void;
  /** Show the About dialog with this text (already translated, version filled in). */
  readonly showAbout: (text: AboutText) => void;
}

export interface AboutText {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
}

/** The five workspaces of the View menu, in menu order; CmdOrCtrl+1…5 open them. */
export const VIEW_DESTINATIONS = [
  { labelKey: 'menu.dashboard', command: 'navigate:dashboard' },
  { labelKey: 'menu.procedures', command: 'navigate:procedures' },
  { labelKey: 'menu.contacts', command: 'navigate:contacts' },
  { labelKey: 'menu.incidents', command: 'navigate:incidents' },
  { labelKey: 'menu.exchange', command: 'navigate:exchange' },
] as const satisfies readonly { labelKey: string; command: MenuCommand }[];

export function buildMenuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = (key: string, values?: Record<string, string>): string => translate(context.language, `menu.${key}`, values);
  const isMac = context.platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  /** A menu item that hands its command to the renderer; the id is the command itself. */
  const command = (label: string, cmd: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    id: cmd,
    label,
    accelerator,
    click: () => actions.send(cmd),
  });

  const settings = command(t('settings'), 'navigate:settings', 'CmdOrCtrl+,');
  const quit: MenuItemConstructorOptions = { role: 'quit', label: t('quit') };
  const aboutText: AboutText = { title: t('about'), message: PRODUCT_NAME, detail: t('aboutDetail', { version: context.version }) };
  const about: MenuItemConstructorOptions = { id: 'about', label: t('about'), click: () => actions.showAbout(aboutText) };

  const macAppMenu: MenuItemConstructorOptions = {
    label: PRODUCT_NAME,
    submenu: [
      about,
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      quit,
    ],
  };

  // On macOS, Settings and Quit live in the app menu, so there is no File menu.
  const fileMenu: MenuItemConstructorOptions = { label: t('file'), submenu: [settings, separator, quit] };

  const editMenu: MenuItemConstructorOptions = {
    label: t('edit'),
    submenu: [
      { role: 'undo', label: t('undo') },
      { role: 'redo', label: t('redo') },
      separator,
      { role: 'cut', label: t('cut') },
      { role: 'copy', label: t('copy') },
      { role: 'paste', label: t('paste') },
      { role: 'selectAll', label: t('selectAll') },
    ],
  };

  const developerItems: MenuItemConstructorOptions[] = context.isPackaged
    ? []
    : [separator, { role: 'reload' }, { role: 'toggleDevTools' }];

  const viewMenu: MenuItemConstructorOptions = {
    label: t('view'),
    submenu: [
      ...VIEW_DESTINATIONS.map(({ labelKey, command: cmd }, index) =>
        command(translate(context.language, labelKey), cmd, `CmdOrCtrl+${index + 1}`),
      ),
      separator,
      command(t('toggleWorkspace'), 'workspace:toggle', 'CmdOrCtrl+Shift+E'),
      command(t('toggleTheme'), 'theme:toggle', 'CmdOrCtrl+Shift+L'),
      separator,
      { role: 'resetZoom', label: t('resetZoom') },
      { role: 'zoomIn', label: t('zoomIn') },
      { role: 'zoomOut', label: t('zoomOut') },
      separator,
      { role: 'togglefullscreen', label: t('fullscreen') },
      ...developerItems,
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t('window'),
    submenu: [
      { role: 'minimize', label: t('minimize') },
      { role: 'close', label: t('close') },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = { label: t('help'), submenu: [about] };

  return isMac
    ? [macAppMenu, editMenu, viewMenu, windowMenu]
    : [fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

