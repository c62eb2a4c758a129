/**
 * The layout of a procedure for the chart, computed by ELK in a web worker (elkjs's own worker
 * script, bundled by Vite as a file of the app, so it works offline from app:// and a static
 * server). Should the worker not start or not answer, the layout runs with the bundled ELK on the
 * main thread instead. Layouts are cached by content and language.
 */
import ElkApi from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { useEffect, useState } from 'react';
import type { Language } from '../../../../../shared/i18n/languages';
import type { Level } from '../../../../../shared/model/levels';
import type { ProcedureContent } from '../../../../../shared/model/procedure';
import { layoutProcedure, type ElkLike, type ProcedureLayout } from '../../../../../shared/procedures/layout';

const WORKER_TIMEOUT_MS = 15_000;
const CACHE_SIZE = 24;

let worker: ElkLike | null | undefined;

function workerElk(): ElkLike | null {
  if (worker !== undefined) return worker;
  try {
    const elk = new ElkApi({ workerUrl: elkWorkerUrl });
    worker = { layout: (graph) => elk.layout(graph) };
  } catch {
    worker = null;
  }
  return worker;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('layout worker did not answer')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

const cache = new Map<string, Promise<ProcedureLayout>>();

export function computeLayout(content: ProcedureContent, language: Language, levelOrder: readonly Level[]): Promise<ProcedureLayout> {
  const key = JSON.stringify([language, levelOrder, content.lanes, content.steps, content.flows]);
  const cached = cache.get(key);
  if (cached) return cached;
  const elk = workerElk();
  const run = (async () => {
    if (elk) {
      try {
        return await withTimeout(layoutProcedure(content, { language, levelOrder, elk }), WORKER_TIMEOUT_MS);
      } catch {
        worker = null;
      }
    }
    return layoutProcedure(content, { language, levelOrder });
  })();
  cache.set(key, run);
  run.catch(() => cache.delete(key));
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return run;
}

export type LayoutState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly layout: ProcedureLayout } | { readonly status: 'failed'; readonly message: string };

export function useProcedureLayout(content: ProcedureContent, language: Language, levelOrder: readonly Level[]): LayoutState {
  const [state, setState] = useState<{ key: ProcedureContent | null; language: Language | null; value: LayoutState }>({ key: null, language: null, value: { status: 'loading' } });
  useEffect(() => {
    let cancelled = false;
    computeLayout(content, language, levelOrder).then(
      (layout) => {
        if (!cancelled) setState({ key: content, language, value: { status: 'ready', layout } });
      },
      (e: unknown) => {
        if (!cancelled) setState({ key: content, language, value: { status: 'failed', message: e instanceof Error ? e.message : String(e) } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [content, language, levelOrder]);
  return state.key === content && state.language === language ? state.value : { status: 'loading' };
}
