/**
 * Electron glue: installs the application menu built by `menuTemplate.ts` and rebuilds it when
 * the renderer changes the language. Also owns the current UI language of main (dialogs use
 * it), because the menu is what changes with it.
 */
import { dialog, Menu, type BrowserWindow } from 'electron';
import type { Language } from '../../shared/i18n/languages';
import { sendEvent } from './ipc/sendEvent';
import { log } from './log';
import { buildMenuTemplate, type MenuContext } from './menuTemplate';

export interface UiLanguage {
  readonly current: () => Language;
  readonly set: (language: Language) => void;
}

export interface ApplicationMenuOptions extends Omit<MenuContext, 'language'> {
  readonly initialLanguage: Language;
  /** The window menu commands go to; `null` while there is none (macOS, all closed). */
  readonly getWindow: () => BrowserWindow | null;
}

/** Install the menu now; returns the language control that rebuilds it. */
export function installApplicationMenu(options: ApplicationMenuOptions): UiLanguage {
  let language = options.initialLanguage;

  const install = (): void => {
    const template = buildMenuTemplate(
      { language, platform: options.platform, isPackaged: options.isPackaged, version: options.version },
      {
        send: (command) => {
          const window = options.getWindow();
          if (window) sendEvent(window.webContents, 'menu:command', command);
        },
        showAbout: (text) => {
          const window = options.getWindow();
          const box = { type: 'info' as const, title: text.title, message: text.message, detail: text.detail };
          (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box)).catch((error: unknown) =>
            log.error('the About dialog failed', error),
          );
        },
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  install();
  return {
    current: () => language,
    set: (next) => {
      if (next === language) return;
      language = next;
      install();
    },
  };
}
