/**
 * Decodes blocks of a bundle payload off the window's thread (see payloadDecoding.ts): the import
 * reads, hashes and inflates the payload on the main thread while this one decodes lines.
 */
import { decodingWorkerHandler, type DecodingRequest } from './payloadDecoding';

const handle = decodingWorkerHandler((message) => postMessage(message));
self.onmessage = (event: MessageEvent<DecodingRequest>) => handle(event.data);
postMessage({ kind: 'ready' });
