/**
 * Gzips a bundle payload off the window's thread (see payloadCompression.ts): the export reads and
 * serialises operations on the main thread while this one compresses the batches already made.
 */
import { compressionWorkerHandler, type CompressionRequest } from './payloadCompression';

const handle = compressionWorkerHandler((message) => postMessage(message));
self.onmessage = (event: MessageEvent<CompressionRequest>) => handle(event.data);
