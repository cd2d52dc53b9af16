// `npm run bench`: every benchmark, printed as figures and ratios against baselines measured in the same run,
// and kept in bench/results/ (results.json, and index.html drawn from it).

import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
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
import { issue10Plan, issue10Plot, issue10Table, type SuiteRun } from './issue10.js';
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
// `npm run bench -- issue10 [divisor]`: every suite issue 10's table needs, at its sizes (each divided by divisor).
const issue10Divisor = only === 'issue10' ? numArg(3) ?? 1 : 1;
const planned = only === 'issue10' ? issue10Plan(issue10Divisor).suites : suites.filter(([name]) => !only || only === name);
const started = Date.now();
const done: Suite[] = [];
const runs: SuiteRun[] = [];
for (const [name, fn] of planned) {
  const [tables, series] = [printedTables.length, plottedSeries.length];
  // A suite that fails is reported and the run goes on, so one failure does not lose every other figure.
  try {
    process.stdout.write(`${await fn()}\n\n`);
  } catch (e) {
    process.stdout.write(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n\n`);
    runs.push({ name, tables: [], load: loadavg()[0]!, failed: e instanceof Error ? e.message : String(e) });
    process.exitCode = 1;
    continue;
  }
  done.push({ name, tables: printedTables.slice(tables), series: plottedSeries.slice(series) });
  runs.push({ name, tables: printedTables.slice(tables), load: loadavg()[0]! });
}
const before = printedTables.length;
const targets = issue10Table(runs, issue10Divisor);
if (targets) {
  process.stdout.write(`${targets}\n${await issue10Plot(runs, issue10Divisor, started).catch((e: Error) => `plot: not drawn: ${e.message}`)}\n\n`);
  done.push({ name: issue10Divisor === 1 ? 'issue10' : `issue10-${issue10Divisor}`, tables: printedTables.slice(before) });
}
await mkdir(RESULTS_DIR, { recursive: true });
process.stdout.write(`figures: ${await recordSuites(RESULTS_DIR, done)}\n`);
