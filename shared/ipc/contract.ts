/**
 * The typed contract between the renderer and the Electron main process. Declared once here and
 * used by main (handlers), preload (bridge) and renderer (platform); neither side imports the
 * other. Every argument is validated in main against `IPC_ARGUMENT_SCHEMAS` before use.
 */
import { z } from 'zod';
import { LanguageSchema, type Language } from '../i18n/languages';
import type { Result } from './result';
import type { EventChannel, InvokeChannel } from './channels';

/** Largest file the desktop app reads or writes through a dialog. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const FILE_KINDS = ['bundle', 'journal', 'contacts', 'identity-card', 'identity-backup', 'any'] as const;
export const FileKindSchema = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof FileKindSchema>;

export const OpenFileRequestSchema = z.strictObject({ kind: FileKindSchema });
export type OpenFileRequest = z.infer<typeof OpenFileRequestSchema>;

export const SaveFileRequestSchema = z.strictObject({
  kind: FileKindSchema,
  /** Suggested file name only: no folders, no traversal. */
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\:*?"<>|\0]+$/, 'a file name, not a path')
    .refine((n) => n !== '.' && n !== '..', 'a file name, not a path'),
  bytes: z
    .custom<Uint8Array>((b) => b instanceof Uint8Array, 'bytes expected')
    .refine((b) => b.byteLength <= MAX_FILE_BYTES, 'file too large'),
});
export type SaveFileRequest = z.infer<typeof SaveFileRequestSchema>;

export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface SavedFile {
  /** Where it was written, as the user would recognise it (a path, or a download name). */
  readonly location: string;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  readonly electron: string;
  readonly chrome: string;
}

export const MENU_COMMANDS = [
  'navigate:dashboard',
  'navigate:procedures',
  'navigate:contacts',
  'navigate:incidents',
  'navigate:exchange',
  'navigate:settings',
  'workspace:toggle',
  'theme:toggle',
] as const;
export const MenuCommandSchema = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

/** Request and response of every invoke channel. `null` from a dialog means the user cancelled. */
export interface IpcContract {
  'app:getInfo': { args: []; result: Result<AppInfo> };
  'app:setLanguage': { args: [language: Language]; result: Result<null> };
  'file:open': { args: [request: OpenFileRequest]; result: Result<OpenedFile | null> };
  'file:save': { args: [request: SaveFileRequest]; result: Result<SavedFile | null> };
}

export interface IpcEvents {
  'menu:command': MenuCommand;
}

/** Argument schemas, one tuple per channel; main rejects anything that does not parse. */
export const IPC_ARGUMENT_SCHEMAS = {
  'app:getInfo': z.tuple([]),
  'app:setLanguage': z.tuple([LanguageSchema]),
  'file:open': z.tuple([OpenFileRequestSchema]),
  'file:save': z.tuple([SaveFileRequestSchema]),
} satisfies { [K in InvokeChannel]: z.ZodType<IpcContract[K]['args']> };

/** Payload schemas of events, checked by the preload before a renderer callback sees them. */
export const IPC_EVENT_SCHEMAS = {
  'menu:command': MenuCommandSchema,
} satisfies { [K in EventChannel]: z.ZodType<IpcEvents[K]> };

export type IpcArgs<K extends InvokeChannel> = IpcContract[K]['args'];
export type IpcResult<K extends InvokeChannel> = IpcContract[K]['result'];

/**
 * The `window.workbook` bridge the preload exposes. Named functions only: the renderer never sees
 * `ipcRenderer` or raw events.
 */
export interface WorkbookBridge {
  readonly getAppInfo: () => Promise<IpcResult<'app:getInfo'>>;
  readonly setLanguage: (language: Language) => Promise<IpcResult<'app:setLanguage'>>;
  readonly openFile: (request: OpenFileRequest) => Promise<IpcResult<'file:open'>>;
  readonly saveFile: (request: SaveFileRequest) => Promise<IpcResult<'file:save'>>;
  /** Subscribe to menu commands; returns the unsubscribe function. */
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
}

/** Parse the arguments of an invoke call, as main receives them from the renderer. */
export function parseIpcArguments<K extends InvokeChannel>(
  channel: K,
  args: unknown[],
): { ok: true; value: IpcArgs<K> } | { ok: false; detail: string } {
  const parsed = IPC_ARGUMENT_SCHEMAS[channel].safeParse(args);
  if (!parsed.success) return { ok: false, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, value: parsed.data };
}
