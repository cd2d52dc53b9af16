// `npm run bench`: every benchmark, printed as figures and ratios against baselines measured in the same run.

import { benchApiserver } from './apiserver.js';
import { benchKubelet } from './kubelet.js';
import { benchImages } from './images.js';
import { benchScheduler } from './scheduler.js';

const only = process.argv[2];
const suites: [string, () => Promise<string>][] = [
  ['apiserver', benchApiserver],
  ['images', benchImages],
  ['scheduler', () => benchScheduler()],
  ['kubelet', benchKubelet],
];
for (const [name, fn] of suites) {
  if (only && only !== name) continue;
  process.stdout.write(`${await fn()}\n\n`);
}
