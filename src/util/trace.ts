// BERTH_TRACE=<file>: a timeline of where a Pod start's time goes, one line per span (start and end
// in ms since the epoch, what, detail), written only when the variable is set.
import { appendFileSync } from 'node:fs';

const FILE = process.env.BERTH_TRACE;

export const tracing = FILE !== undefined;

export function traceLine(startMs: number, what: string, detail = ''): void {
  if (FILE) appendFileSync(FILE, `${startMs} ${Date.now()} ${what} ${detail}\n`);
}

/** Awaits p, recording how long it took when tracing. */
export async function traceSpan<T>(what: string, detail: string, p: Promise<T>): Promise<T> {
  if (!FILE) return p;
  const t0 = Date.now();
  try {
    return await p;
  } finally {
    traceLine(t0, what, detail);
  }
}
