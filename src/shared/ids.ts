import { randomBytes, randomUUID } from 'node:crypto';

/** A short reference id users can quote to the desk; it finds the full error in the log. */
export function newReferenceId(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

export function newId(): string {
  return randomUUID();
}
