import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../../../shared/ipc/contract';
import { buildMenuTemplate, type AboutText, type MenuContext } from '../../../../electron/main/menuTemplate';

const LINUX_DEV: MenuContext = { language: 'en', platform: 'linux', isPackaged: false, version: '1.2.3' };
const LINUX_PACKAGED: MenuContext = { ...LINUX_DEV, isPackaged: true };

function build(context: MenuContext) {
  const actions = { send: vi.fn<(command: MenuCommand) => void>(), showAbout: vi.fn<(text: AboutText) => void>() };
  return { template: buildMenuTemplate(context, actions), actions };
}

/** Every item of the menu tree, depth first. */
function allItems(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

function itemById(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = allItems(template).find((item) => item.id === id);
  if (!found) throw new Error(`no menu item with id ${id}`);
  return found;
}

/** Clicks an item the way Electron would (the arguments are irrelevant to our handlers). */
function click(item: MenuItemConstructorOptions): void {
  const handler = item.click as (() => void) | undefined;
  if (!handler) throw new Error(`menu item ${item.id ?? item.label ?? '?'} has no click handler`);
  handler();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Window, Help in English on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(build({ ...LINUX_DEV, platform }).template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    }
  });

  it('speaks Dutch', () => {
    const { template } = build({ ...LINUX_DEV, language: 'nl' });
    expect(template.map((menu) => menu.label)).toEqual(['Bestand', 'Bewerken', 'Beeld', 'Venster', 'Help']);
    expect(itemById(template, 'navigate:dashboard').label).toBe('Overzicht');
    expect(itemById(template, 'navigate:incidents').label).toBe('Incidentlogboek');
    expect(itemById(template, 'navigate:settings').label).toBe('Instellingen…');
    const edit = allItems(template).filter((item) => item.role === 'undo' || item.role === 'selectAll');
    expect(edit.map((item) => item.label)).toEqual(['Ongedaan maken', 'Alles selecteren']);
  });

  // Legend: [menu item id = command sent, accelerator, English label].
  it.each<[MenuCommand, string, string]>([
    ['navigate:dashboard', 'CmdOrCtrl+1', 'Dashboard'],
    ['navigate:procedures', 'CmdOrCtrl+2', 'Procedures'],
    ['navigate:contacts', 'CmdOrCtrl+3', 'Contacts'],
    ['navigate:incidents', 'CmdOrCtrl+4', 'Incident log'],
    ['navigate:exchange', 'CmdOrCtrl+5', 'Exchange'],
    ['navigate:settings', 'CmdOrCtrl+,', 'Settings…'],
    ['workspace:toggle', 'CmdOrCtrl+Shift+E', 'Switch real / exercise workspace'],
    ['theme:toggle', 'CmdOrCtrl+Shift+L', 'Switch light / dark theme'],
  ])('%s: %s, "%s", sends exactly its own command', (command, accelerator, label) => {
    const { template, actions } = build(LINUX_DEV);
    const item = itemById(template, command);
    expect(item.accelerator).toBe(accelerator);
    expect(item.label).toBe(label);
    click(item);
    expect(actions.send).toHaveBeenCalledExactlyOnceWith(command);
    expect(actions.showAbout).not.toHaveBeenCalled();
  });

  it('uses each accelerator only once', () => {
    const accelerators = allItems(build(LINUX_DEV).template).flatMap((item) => (item.accelerator ? [item.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('uses Electron roles for editing, zoom, full screen and window items', () => {
    const roles = allItems(build(LINUX_PACKAGED).template).flatMap((item) => (item.role ? [item.role] : []));
    expect(roles).toEqual(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize', 'close']);
  });

  it('offers reload and developer tools in development only', () => {
    const devRoles = allItems(build(LINUX_DEV).template).map((item) => item.role);
    expect(devRoles).toContain('reload');
    expect(devRoles).toContain('toggleDevTools');
    const packagedRoles = allItems(build(LINUX_PACKAGED).template).map((item) => item.role);
    expect(packagedRoles).not.toContain('reload');
    expect(packagedRoles).not.toContain('forceReload');
    expect(packagedRoles).not.toContain('toggleDevTools');
  });

  it('shows About with the version, translated', () => {
    const { template, actions } = build({ ...LINUX_DEV, language: 'nl' });
    click(itemById(template, 'about'));
    expect(actions.showAbout).toHaveBeenCalledOnce();
    const text = actions.showAbout.mock.calls[0]?.[0];
    expect(text?.title).toBe('Over Crisis Workbook');
    expect(text?.message).toBe('Crisis Workbook');
    expect(text?.detail).toMatch(/^Versie 1\.2\.3\n/);
    expect(actions.send).not.toHaveBeenCalled();
  });

  it('puts the app menu first on macOS, with About, Settings and Quit, and no File menu', () => {
    const { template } = build({ ...LINUX_DEV, platform: 'darwin' });
    expect(template.map((menu) => menu.label)).toEqual(['Crisis Workbook', 'Edit', 'View', 'Window']);
    const appMenu = allItems([template[0] as MenuItemConstructorOptions]);
    expect(appMenu.map((item) => item.id ?? item.role).filter(Boolean)).toEqual([
      'about',
      'navigate:settings',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect(allItems(template).filter((item) => item.id === 'navigate:settings')).toHaveLength(1);
  });
});
