/**
 * Electron glue: serves the renderer over `app://workbook` instead of `file://` (Electron
 * security checklist #18). All decisions are in `appRequestHandler.ts` / `assetPath.ts`.
 */
import type { Protocol } from 'electron';
import { APP_SCHEME } from '../../../shared/security/contentSecurityPolicy';
import { log } from '../log';
import { createAppRequestHandler } from './appRequestHandler';

/** Call once the app is ready, with the absolute path of dist/renderer. */
export function registerAppProtocol(protocol: Protocol, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererRoot, log));
}
