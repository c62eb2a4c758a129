/**
 * The sandboxed preload: exposes the named bridge as `window.workbook` and nothing else.
 * Built to dist/electron/preload.cjs (CommonJS, everything but `electron` bundled).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createWorkbookBridge } from './bridge';

contextBridge.exposeInMainWorld('workbook', createWorkbookBridge(ipcRenderer));
