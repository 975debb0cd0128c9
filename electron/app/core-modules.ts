/** Errors for core pieces this build does not wire yet: the UI shows them plainly, never fake data. */
import { IpcError } from '../contract/envelope.js';

export function notYet(what: string): IpcError {
  return new IpcError('notYet', `${what} is not available yet in this build`);
}

