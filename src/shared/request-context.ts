import { AsyncLocalStorage } from 'node:async_hooks';
import { newReferenceId } from './ids.js';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A new request id: short enough for a user to read out to the desk, as the apology asks them to. */
export const newRequestId = newReferenceId;

/** The id of the HTTP request (and so of the turn) this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `work` as part of request `requestId`: every log line written meanwhile carries the id. */
export function runInRequest<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/**
 * Makes the rest of the current request (this call stack and what it starts, including the body
 * reader's callbacks) part of request `requestId`. For the HTTP server's first hook, which cannot
 * wrap the handlers that come after it.
 */
export function enterRequest(requestId: string): void {
  storage.enterWith({ requestId });
}
