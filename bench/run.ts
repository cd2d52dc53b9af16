// `npm run bench`: every benchmark, printed as figures and ratios against baselines measured in the same run.

import { mkdir } from 'node:fs/promises';
import { benchAgent } from './agent.js';
import { benchApiserver } from './apiserver.js';
import { benchDashboard } from './dashboard.js';
import { benchDatastore } from './datastore.js';
import { benchDns } from './dns.js';
import { writeFiguresPage, type Suite } from './figures.js';
import { benchKubelet } from './kubelet.js';
import { benchProbes } from './probes.js';
import { benchProxy } from './proxy.js';
import { benchRbac } from './rbac.js';
import { benchMetrics } from './metrics.js';
import { benchImages } from './images.js';
import { benchScheduler } from './scheduler.js';
import { benchTerminal } from './terminal.js';
import { benchDeployment, benchRollout } from './workloads.js';
import { printedTables, RESULTS_DIR } from './stats.js';

const only = process.argv[2];
const suites: [string, () => Promise<string>][] = [
  ['apiserver', benchApiserver],
  ['rbac', benchRbac],
  ['images', benchImages],
  ['scheduler', () => benchScheduler()],
  ['deployment', () => benchDeployment()],
  ['rollout', () => benchRollout()],
  ['kubelet', benchKubelet],
  ['probes', benchProbes],
  ['metrics', benchMetrics],
  ['terminal', benchTerminal],
  ['dashboard', benchDashboard],
  ['proxy', benchProxy],
  ['dns', benchDns],
  ['datastore', benchDatastore],
  ['agent', benchAgent],
];
const done: Suite[] = [];
for (const [name, fn] of suites) {
  if (only && only !== name) continue;
  const before = printedTables.length;
  process.stdout.write(`${await fn()}\n\n`);
  done.push({ name, tables: printedTables.slice(before) });
}
await mkdir(RESULTS_DIR, { recursive: true });
process.stdout.write(`figures: ${await writeFiguresPage(RESULTS_DIR, done)}\n`);
