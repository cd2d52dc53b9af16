// Issue 10's target table, filled from the suites of one bench run: each figure as that run measured it,
// beside the issue's target, the load then, and what upstream publishes for the same measure
// (kube-scheduler's CI floors, KWOK's claims, Kubernetes' supported cluster size). The figures are
// read from the tables the suites printed (row labels are the suites' own), so nothing here measures
// or remembers a figure: a row whose suite did not run says so and how to run it.
//
// `npm run bench -- issue10` runs every suite the table needs at the issue's sizes (long: hollow clusters
// of 1,000 and 5,000 nodes, a held server of 150,000 Pods at about 3 GB, real Pods); `npm run bench --
// issue10 10` runs them at a tenth of the sizes (the rows then name the sizes they ran at). The default `npm run bench` prints the
// rows its own suites measure (scheduler, kubelet) and marks the rest as not run.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Row } from './figures.js';
import { benchHeld } from './held.js';
import { benchKubelet } from './kubelet.js';
import { benchScale } from './scale.js';
import { benchScheduler } from './scheduler.js';
import { RESULTS_DIR, table } from './stats.js';
import { screenshotHtml } from '../src/ui/screenshot.js';

/** A suite as one run left it: its tables, the load average when it ended, or why it failed. */
export interface SuiteRun { name: string; tables: Row[][]; load: number; failed?: string }

/** Where a figure is in a suite's tables: the row whose first cell matches, a column by header (else the second), a part of "a / b". */
interface Source { suite: string; row: RegExp; column?: string; part?: number }

interface TargetRow {
  figure: string;
  /** As issue 10 was filed. */
  filed: string;
  target: string;
  /** The target as a test: at least or at most the limit. */
  pass: (v: number) => boolean;
  source: Source;
  upstream: string;
}

const FLOOR = 'kube-scheduler CI floor';
const KWOK_RATE = 'KWOK creates 20 Pods/s';

/** The sizes the issue names, each divided by `divisor`, and the suites that measure them. */
export function issue10Plan(divisor = 1): { suites: [string, () => Promise<string>][]; rows: TargetRow[] } {
  const size = (nodes: number, pods: number) => ({ nodes: Math.round(nodes / divisor), pods: Math.round(pods / divisor) });
  const named = (base: string, s: { nodes: number; pods: number }, isDefault = false) => (isDefault && divisor === 1 ? base : `${base}-${s.nodes}x${s.pods}`);
  const n = (v: number) => v.toLocaleString('en-US');
  const rate = size(1000, 30_000);
  const small = size(1000, 20_000);
  const big = size(5000, 50_000);
  const held = size(5000, 150_000);
  const s = {
    rate: named('scheduler', rate, true),
    small: named('scale', small),
    big: named('scale', big),
    held: named('held', held),
  };
  const suites: [string, () => Promise<string>][] = [
    [s.rate, () => benchScheduler(rate)],
    [s.small, () => benchScale(small)],
    [s.big, () => benchScale(big)],
    [s.held, () => benchHeld(held)],
    ['kubelet', benchKubelet],
  ];
  const atLeast = (limit: number) => (v: number) => v >= limit;
  const atMost = (limit: number) => (v: number) => v <= limit;
  const rows: TargetRow[] = [
    {
      figure: `end-to-end bound, ${n(rate.pods)} Pods on ${n(rate.nodes)} nodes, 32 creating clients (Pods/s)`, filed: '317–339', target: '≥ 1,500', pass: atLeast(1500),
      source: { suite: s.rate, row: /^bound rate \(pods\/s\)$/ }, upstream: `${FLOOR} 680 (10k Pods on 5,000 nodes); ${KWOK_RATE}`,
    },
    {
      figure: `end-to-end bound, ${n(small.pods)} Pods on ${n(small.nodes)} nodes, 2 load generator processes (Pods/s)`, filed: '317–339', target: '≥ 1,500', pass: atLeast(1500),
      source: { suite: s.small, row: /^bound rate, end to end/ }, upstream: `${FLOOR} 680 (10k Pods on 5,000 nodes); ${KWOK_RATE}`,
    },
    {
      figure: `end-to-end bound, ${n(big.pods)} Pods on ${n(big.nodes)} nodes (Pods/s)`, filed: 'not run', target: '≥ 1,000', pass: atLeast(1000),
      source: { suite: s.big, row: /^bound rate, end to end/ }, upstream: `${FLOOR} 810 (50k Pods on 5,000 nodes); ${KWOK_RATE}`,
    },
    {
      figure: `create → bound p99 at that rate (${n(rate.pods)} Pods on ${n(rate.nodes)} nodes) (ms)`, filed: '20,000–25,000', target: '≤ 1,000', pass: atMost(1000),
      source: { suite: s.rate, row: /^create→bound p99/ }, upstream: '',
    },
    {
      figure: `held: ${n(held.nodes)} nodes + ${n(held.pods)} Running Pods, server RSS 30 s after /readyz (MB)`, filed: 'not run', target: '≤ 4,096', pass: atMost(4096),
      source: { suite: s.held, row: /^server RSS 30 s after \/readyz/ }, upstream: 'Kubernetes supports ≤ 5,000 nodes, ≤ 150,000 Pods; KWOK "reliably" holds 1k nodes and 100k Pods',
    },
    {
      figure: `held: \`kubectl get pods -A\` of ${n(held.pods)} Pods (s)`, filed: 'not run', target: '≤ 8', pass: atMost(8),
      source: { suite: s.held, row: /^kubectl get pods -A/ }, upstream: '',
    },
    {
      figure: '  kubectl\'s own floor: the same list from a server answering every page from memory, same run (s)', filed: '—', target: '(baseline)', pass: () => true,
      source: { suite: s.held, row: /^baseline: the same kubectl/ }, upstream: 'pages of 500 at client-go\'s 5 requests/s: no server does better',
    },
    {
      figure: 'held: single-Pod get p99 meanwhile (ms)', filed: 'not run', target: '≤ 20', pass: atMost(20),
      source: { suite: s.held, row: /^single-Pod get meanwhile p50 \/ p99/, part: 1 }, upstream: '',
    },
    {
      figure: `cold start with ${n(held.pods)} Pods to /readyz (s)`, filed: 'not run', target: '≤ 10', pass: atMost(10),
      source: { suite: s.held, row: /^cold start to \/readyz/ }, upstream: '',
    },
    {
      figure: '100 real Pods created at once, all Running, runc (ms)', filed: '13,600–15,200', target: '≤ 5,000', pass: atMost(5000),
      source: { suite: 'kubelet', row: /^all Running, as the watch saw/ }, upstream: '',
    },
    {
      figure: '2-container Pod create → both running, p50 (ms)', filed: '204 (podman 391)', target: '≤ 120', pass: atMost(120),
      source: { suite: 'kubelet', row: /^berth \(POST/, column: 'p50 ms' }, upstream: 'podman kube play, same run: see the next row',
    },
    {
      figure: '2-container Pod create → both running, p99 (ms)', filed: '238 (podman 577)', target: '≤ 200', pass: atMost(200),
      source: { suite: 'kubelet', row: /^berth \(POST/, column: 'p99 ms' }, upstream: '',
    },
    {
      figure: '  podman kube play, same Pod, same run, p50 / p99 (ms)', filed: '391 / 577', target: '(baseline)', pass: () => true,
      source: { suite: 'kubelet', row: /^podman kube play/, column: 'p50 ms' }, upstream: '',
    },
    {
      figure: `server RSS with ${n(small.nodes)} nodes and ${n(small.pods)} Pods, all Running (MB)`, filed: '822', target: '≤ 400', pass: atMost(400),
      source: { suite: s.small, row: /^server RSS, all Pods Running/ }, upstream: '',
    },
    {
      figure: `hollow kubelet memory with the Pods, ${n(small.nodes)} nodes (KB per node)`, filed: '—', target: '≤ 200', pass: atMost(200),
      source: { suite: s.small, row: /^sim RSS idle \/ loaded per node/, part: 1 }, upstream: 'KWOK runs no kubelet at all',
    },
  ];
  return { suites, rows };
}

const rerun = (divisor: number) => `not run: npm run bench -- issue10${divisor === 1 ? '' : ` ${divisor}`}`;

/** An error's message in a line: its first, and when that only introduces what follows (ends in ':'), the last too. */
function reason(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const first = lines[0] ?? 'no message';
  return (first.endsWith(':') && lines.length > 1 ? `${first} ${lines.at(-1)}` : first).slice(0, 160);
}

/** The figure a source names, from the suites run: a number, or why there is none. */
function pick(runs: SuiteRun[], src: Source, divisor: number): number | string {
  const run = runs.find((r) => r.name === src.suite);
  if (!run) return rerun(divisor);
  if (run.failed) return `failed: ${reason(run.failed)}`;
  for (const t of run.tables) {
    const col = src.column ? t[0]!.indexOf(src.column) : 1;
    const row = t.slice(1).find((r) => src.row.test(String(r[0])));
    if (!row || col < 0) continue;
    const cell = row[col];
    const v = typeof cell === 'number' ? cell : Number(String(cell).split('/')[src.part ?? 0]?.trim());
    return Number.isFinite(v) ? v : `unreadable: ${String(cell)}`;
  }
  return `no row ${src.row} in ${src.suite}'s tables`;
}

/** The table, or undefined when none of its suites ran. */
export function issue10Table(runs: SuiteRun[], divisor = 1): string | undefined {
  const { rows } = issue10Plan(divisor);
  if (!rows.some((r) => runs.some((s) => s.name === r.source.suite))) return undefined;
  const body: Row[] = rows.map((r) => {
    const v = pick(runs, r.source, divisor);
    const load = runs.find((s) => s.name === r.source.suite)?.load;
    // The kubelet's baseline row carries its p99 beside the p50 it picked.
    const shown = r.target === '(baseline)' && r.source.column && typeof v === 'number' ? `${v.toFixed(0)} / ${Number(pick(runs, { ...r.source, column: 'p99 ms' }, divisor)).toFixed(0)}` : v;
    const met = typeof v !== 'number' ? '' : r.target === '(baseline)' ? '' : r.pass(v) ? 'met' : 'missed';
    return [r.figure, shown, r.target, met, load === undefined ? '' : load.toFixed(1), r.filed, r.upstream];
  });
  return [
    '## Issue 10: the targets, measured in this run',
    table([['figure', 'this run', 'target', '', 'load', 'when filed', 'upstream beside it'], ...body]),
    '',
    'load: the 1-minute load average on this 2-core machine as the row\'s suite ended.',
    'kube-scheduler CI floor: kubernetes/kubernetes test/integration/scheduler_perf/misc/performance-config.yaml, test case',
    '  SchedulingBasic, workloads 5000Nodes_10000Pods (threshold: 680) and 5000Nodes_50000Pods (threshold: 810): the',
    '  Average of the SchedulingThroughput metric (Pods scheduled per second) below which the periodic',
    '  ci-benchmark-scheduler-perf job fails. It measures kube-scheduler alone against an in-process API server with',
    '  fake Nodes (no kubelet, Pods never Running), on CI machines with many cores; berth\'s rows are end to end.',
    'KWOK: kubernetes-sigs/kwok README, "Why KWOK?": "Currently, KWOK can reliably maintain 1k nodes and 100k pods',
    '  easily." and "Currently, KWOK can create 20 nodes or pods per second."',
    'Kubernetes\' largest cluster: kubernetes.io, "Considerations for large clusters": no more than 5,000 nodes,',
    '  150,000 total Pods, 300,000 total containers, 110 Pods per node.',
  ].join('\n');
}

/**
 * The 5,000-node run's plot (bound and Running Pods over time, server and sim RSS over time), written by
 * the scale suite as SVG, drawn to PNG beside it; the PNG's path, or why there is none.
 */
export async function issue10Plot(runs: SuiteRun[], divisor = 1, since = 0): Promise<string> {
  const { rows } = issue10Plan(divisor);
  const big = rows[2]!.source.suite;
  if (!runs.some((r) => r.name === big && !r.failed)) return `plot: ${rerun(divisor)}`;
  const svg = join(RESULTS_DIR, `${big}.svg`);
  const made = await stat(svg).catch(() => undefined);
  if (!made || made.mtimeMs < since) return `plot: ${svg} was not written by this run`;
  const png = join(RESULTS_DIR, `issue10-${big}.png`);
  const body = await readFile(svg, 'utf8');
  const [w, h] = [/width="(\d+)"/, /height="(\d+)"/].map((re) => Number(re.exec(body)?.[1] ?? 600));
  await screenshotHtml(`<!doctype html><html><body style="margin:0">${body}</body></html>`, w!, h!, png);
  return `plot: bound and Running Pods and RSS over time, ${png} (drawn from ${svg})`;
}
