// A node:test reporter that writes how many tests each file reported (suites not counted) as JSON, so
// that check-test-counts can tell a file that stopped reporting part way (seen once in CI with no
// failure in the summary) from one that ran whole.

import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Written here, synchronously at exit: with --test-force-exit the runner exits before a reporter's stream ends or is flushed. */
export const COUNTS_FILE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-counts.json');

interface TestEvent {
  type: string;
  data: { file?: string; details?: { type?: string } };
}

export default async function* countReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const counts: Record<string, number> = {};
  process.once('exit', () => {
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(COUNTS_FILE, `${JSON.stringify(sorted, null, 1)}\n`);
  });
  for await (const e of source) {
    if ((e.type !== 'test:pass' && e.type !== 'test:fail') || e.data.details?.type === 'suite' || !e.data.file) continue;
    const file = path.basename(e.data.file);
    counts[file] = (counts[file] ?? 0) + 1;
  }
  yield '';
}
