// `npm run bench`: every benchmark, printed as figures and ratios against baselines measured in the same run,
// and kept in bench/results/ (results.json, and index.html drawn from it).

import { mkdir } from 'node:fs/promises';
import { benchAgent } from './agent.js';
import { benchApiserver } from './apiserver.js';
import { benchDashboard } from './dashboard.js';
import { benchDatastore } from './datastore.js';
import { benchHa } from './ha.js';
import { benchDns } from './dns.js';
import { recordSuites, type Suite } from './figures.js';
import { benchKubelet } from './kubelet.js';
import { benchProbes } from './probes.js';
import { benchProxy } from './proxy.js';
import { benchRbac } from './rbac.js';
import { benchMetrics } from './metrics.js';
import { benchImages } from './images.js';
import { benchHeld } from './held.js';
import { benchScale, benchSimNodes } from './scale.js';
import { benchScheduler } from './scheduler.js';
import { benchTerminal } from './terminal.js';
import { benchDeployment, benchRollout } from './workloads.js';
import { plottedSeries, printedTables, RESULTS_DIR } from './stats.js';

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
  ['ha', benchHa],
  ['agent', benchAgent],
];
// Run only when named (`npm run bench -- scale [nodes] [pods] [timeout s]`, `npm run bench -- held [nodes] [pods]`):
// the 150k-Pod sizes take most of an hour.
const named: [string, () => Promise<string>][] = [
  ['scale', () => benchScale({ nodes: numArg(3), pods: numArg(4), timeoutS: numArg(5) })],
  ['held', () => benchHeld({ nodes: numArg(3), pods: numArg(4) })],
  ['sim-nodes', () => benchSimNodes({ nodes: numArg(3), holdS: numArg(4) })],
  ['rate', () => benchScale({ nodes: numArg(3), pods: numArg(4), timeoutS: numArg(5), rateOnly: true })],
  ['sim-nodes-pods', () => benchSimNodes({ nodes: numArg(3), holdS: numArg(4), podsPerNode: numArg(5) ?? 10 })],
];
function numArg(i: number): number | undefined {
  return process.argv[i] ? Number(process.argv[i]) : undefined;
}
suites.push(...named.filter(([name]) => name === only));
const done: Suite[] = [];
for (const [name, fn] of suites) {
  if (only && only !== name) continue;
  const [tables, series] = [printedTables.length, plottedSeries.length];
  process.stdout.write(`${await fn()}\n\n`);
  done.push({ name, tables: printedTables.slice(tables), series: plottedSeries.slice(series) });
}
await mkdir(RESULTS_DIR, { recursive: true });
process.stdout.write(`figures: ${await recordSuites(RESULTS_DIR, done)}\n`);
