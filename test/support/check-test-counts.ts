// After `npm test`: every test file must report at least as many tests as test/test-counts.json records
// for it. A file cut short (its later tests never reported, nothing failed) turns the run red here.
// `--update` records the run's counts (after adding or removing tests on purpose).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COUNTS_FILE } from './count-reporter.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const expectedFile = path.join(root, 'test/test-counts.json');
const reportedFile = COUNTS_FILE;

const read = (f: string): Record<string, number> => JSON.parse(readFileSync(f, 'utf8')) as Record<string, number>;
const reported = read(reportedFile);

if (process.argv.includes('--update')) {
  writeFileSync(expectedFile, `${JSON.stringify(reported, null, 1)}\n`);
  console.log(`test counts: recorded ${Object.keys(reported).length} files`);
} else {
  const expected = read(expectedFile);
  const short = Object.entries(expected)
    .filter(([file, n]) => (reported[file] ?? 0) < n)
    .map(([file, n]) => `${file}: ${reported[file] ?? 0} tests reported, ${n} expected`);
  if (short.length > 0) {
    console.error(`test counts: ${short.length} file(s) reported fewer tests than recorded in test/test-counts.json:\n  ${short.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`test counts: all ${Object.keys(expected).length} files reported their tests`);
}
