/**
 * The crisis binder workflow outside React: read what was chosen from the workspace, lay out each
 * procedure's chart (ELK, in its own worker), build the document (shared/binder) and render it to
 * PDF bytes in the binder worker; the page's own thread only when no worker can start. Progress is
 * reported as it goes, so the dialog can show it.
 */
import { buildBinder, type BinderInput, type BinderProcedure, type BinderResult } from '../../../../shared/binder/binderDocument';
import type { Language } from '../../../../shared/i18n/languages';
import type { CallTree, Contact, Procedure } from '../../../../shared/model/records';
import type { Tlp } from '../../../../shared/model/tlp';
import type { Workspace } from '../../../../shared/model/workspace';
import { contentOf } from '../../db/procedureVersions';
import { LEVEL_ORDER } from '../procedures/catalogue';
import { computeLayout } from '../procedures/chart/useProcedureLayout';
import type { BinderWorkerReply, BinderWorkerRequest } from './binder.worker';
import { renderBinder } from './renderBinder';

export type BinderProgress =
  | { readonly stage: 'charts'; readonly done: number; readonly total: number }
  | { readonly stage: 'pages'; readonly share: number }
  | { readonly stage: 'saving' };

export interface BinderChoice {
  readonly language: Language;
  readonly organisation: string;
  readonly workspace: Workspace;
  readonly tlp: Tlp | null;
  readonly confirmedLowerTlp: boolean;
  readonly procedures: readonly Procedure[];
  readonly callTrees: readonly CallTree[];
  readonly walletCards: boolean;
  readonly directory: boolean;
  readonly contacts: readonly Contact[];
}

/** The binder's document for a choice (charts laid out first), or the reason it is refused. */
export async function binderDocumentFor(choice: BinderChoice, onProgress: (p: BinderProgress) => void, now = new Date()): Promise<BinderResult> {
  const procedures: BinderProcedure[] = [];
  for (const [i, procedure] of choice.procedures.entries()) {
    onProgress({ stage: 'charts', done: i, total: choice.procedures.length });
    // A chart that cannot be laid out still leaves its steps in the binder (the document says so).
    const layout = await computeLayout(contentOf(procedure), choice.language, LEVEL_ORDER).catch(() => null);
    procedures.push({ procedure, layout });
  }
  onProgress({ stage: 'charts', done: choice.procedures.length, total: choice.procedures.length });
  const input: BinderInput = {
    language: choice.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    organisation: choice.organisation,
    madeAt: now.toISOString(),
    workspace: choice.workspace,
    tlp: choice.tlp,
    confirmedLowerTlp: choice.confirmedLowerTlp,
    levelOrder: LEVEL_ORDER,
    procedures,
    callTrees: choice.callTrees,
    walletCards: choice.walletCards,
    directory: choice.directory,
    contacts: choice.contacts,
  };
  return buildBinder(input);
}

/** Render in the binder worker; on the page's thread when the worker cannot start or fails to load. */
export function renderInWorker(document: Parameters<typeof renderBinder>[0], onProgress: (p: BinderProgress) => void): Promise<Uint8Array> {
  onProgress({ stage: 'pages', share: 0 });
  if (typeof Worker === 'undefined') return renderBinder(document, (share) => onProgress({ stage: 'pages', share }));
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = new Worker(new URL('./binder.worker.ts', import.meta.url), { type: 'module', name: 'crisis-binder' });
    let started = false;
    worker.onmessage = (event: MessageEvent<BinderWorkerReply>) => {
      const reply = event.data;
      started = true;
      if (reply.kind === 'progress') return onProgress({ stage: 'pages', share: reply.share });
      worker.terminate();
      if (reply.kind === 'done') resolve(reply.bytes);
      else reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that never started (blocked by policy, no module workers) is not a failed binder.
      if (!started) renderBinder(document, (share) => onProgress({ stage: 'pages', share })).then(resolve, reject);
      else reject(new Error(event.message || 'binder worker failed'));
    };
    worker.postMessage({ document } satisfies BinderWorkerRequest);
  });
}

/** "crisis-binder-2026-11-23.pdf", "crisis-binder-exercise-2026-11-23.pdf". */
export function binderFileName(workspace: Workspace, now = new Date()): string {
  return `crisis-binder${workspace === 'exercise' ? '-exercise' : ''}-${now.toISOString().slice(0, 10)}.pdf`;
}
