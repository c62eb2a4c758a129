/**
 * Renders a crisis binder in a worker: pdfmake lays out every page synchronously, which for a
 * binder of hundreds of procedures would freeze the dialog (and its progress bar) for many seconds.
 */
import type { BinderDocument } from '../../../../shared/binder/binderDocument';
import { renderBinder } from './renderBinder';

export type BinderWorkerRequest = { readonly document: BinderDocument };
export type BinderWorkerReply =
  | { readonly kind: 'progress'; readonly share: number }
  | { readonly kind: 'done'; readonly bytes: Uint8Array }
  | { readonly kind: 'failed'; readonly message: string };

// The worker's global scope, typed by what is used here (the DOM and WebWorker libs exclude each other).
interface WorkerScope {
  onmessage: ((event: MessageEvent<BinderWorkerRequest>) => void) | null;
  postMessage(message: BinderWorkerReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  void (async () => {
    try {
      let last = 0;
      const bytes = await renderBinder(event.data.document, (share) => {
        // pdfmake reports after every element; a message per percent is plenty.
        if (share - last < 0.01 && share < 1) return;
        last = share;
        scope.postMessage({ kind: 'progress', share });
      });
      scope.postMessage({ kind: 'done', bytes }, [bytes.buffer]);
    } catch (error) {
      scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  })();
};
