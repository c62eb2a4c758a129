/**
 * The few WHATWG stream shapes that age-encryption speaks, and adapters between them and the
 * `AsyncIterable<Uint8Array>` chunk iterators the rest of `shared/` uses.
 *
 * Why: `shared/` is compiled against lib ES2022 only, which has no `ReadableStream` type, yet
 * age-encryption streams through `ReadableStream` (and needs the global at run time anyway; every
 * runtime we target has it). Declaring the minimal structural types here keeps the streaming path
 * typed without pulling DOM types into `shared/`.
 */

export interface StreamReadResult<T> {
  readonly done: boolean;
  readonly value?: T;
}

export interface ReadableStreamReaderLike<T> {
  read(): Promise<StreamReadResult<T>>;
  releaseLock(): void;
  cancel(reason?: unknown): Promise<void>;
}

export interface ReadableStreamLike<T> {
  getReader(): ReadableStreamReaderLike<T>;
}

interface PullController<T> {
  enqueue(chunk: T): void;
  close(): void;
}

interface ReadableStreamConstructorLike {
  new <T>(
    source: { pull(controller: PullController<T>): Promise<void>; cancel(reason: unknown): Promise<void> },
    strategy?: { highWaterMark: number },
  ): ReadableStreamLike<T>;
}

function readableStreamConstructor(): ReadableStreamConstructorLike {
  const ctor = (globalThis as unknown as { ReadableStream?: ReadableStreamConstructorLike }).ReadableStream;
  if (ctor === undefined) throw new Error('this JavaScript runtime has no ReadableStream (Node 18+ or a browser is needed)');
  return ctor;
}

/** A pull-based ReadableStream over chunks: nothing is read before the consumer asks for it. */
export function toReadableStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): ReadableStreamLike<Uint8Array> {
  const it = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : toAsync(chunks[Symbol.iterator]());
  const Ctor = readableStreamConstructor();
  return new Ctor<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const next = await it.next();
          if (next.done === true) {
            controller.close();
            return;
          }
          if (next.value.length > 0) {
            controller.enqueue(next.value);
            return;
          }
        }
      },
      async cancel(reason) {
        await it.return?.(reason);
      },
    },
    { highWaterMark: 1 },
  );
}

/** The chunks of a ReadableStream; stopping early cancels the stream. */
export async function* fromReadableStream(stream: ReadableStreamLike<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value !== undefined && value.length > 0) yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return {
    next: () => Promise.resolve(it.next()),
    return: (value?: unknown) => Promise.resolve(it.return?.(value) ?? { done: true as const, value: undefined }),
  };
}
