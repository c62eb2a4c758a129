/**
 * What the database's helpers need of a Web Worker that takes `Request`s and answers `Reply`s: the
 * payload decoder and compressor use one each, and their tests hand in fakes of this shape.
 */
export interface WorkerPort<Request, Reply> {
  postMessage(message: Request, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<Reply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}
