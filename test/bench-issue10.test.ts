// Issue 10's target table as `npm run bench` prints it: each figure read from the table its suite
// printed in the same run and judged against its target, a failed suite named with its error, a
// suite not run marked with the command that runs it, and upstream's published figures cited.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issue10Plan, issue10Table, type SuiteRun } from '../bench/issue10.js';
import { printedTables } from '../bench/stats.js';

const runs: SuiteRun[] = [
  { name: 'rbac', tables: [[['rbac', 'value'], ['bound rate (pods/s)', 99]]], load: 1 },
  { name: 'scheduler', load: 3.25, tables: [[['scheduler', 'value'], ['bound rate (pods/s)', 1600], ['create→bound p99 (ms)', 1200.4]]] },
  { name: 'held-5000x150000', tables: [], load: 7, failed: 'the store refused an object\n    at fill (held.js:1)' },
  {
    name: 'kubelet', load: 0.5, tables: [
      [['2-container Pod, create → both running', 'n', 'p50 ms', 'p99 ms', 'max ms'], ['berth (POST → watch event)', 50, 110, 250, 260], ['podman kube play (baseline)', 50, 391.2, 577.8, 600]],
      [['100 Pods at once (2 containers each)', 'value'], ['all Running, as the watch saw (ms)', 4200]],
    ],
  },
];

/** The printed table's row for a figure (rows are [figure, this run, target, met, load, when filed, upstream]). */
function rowOf(figure: RegExp): (string | number)[] {
  const row = printedTables.at(-1)!.find((r) => figure.test(String(r[0])));
  assert.ok(row, `no row ${figure}`);
  return row;
}

test('each figure comes from its own suite in this run, judged against its target, with the load then', () => {
  const out = issue10Table(runs)!;
  assert.match(out, /^## Issue 10: the targets, measured in this run/);
  assert.deepEqual(rowOf(/^end-to-end bound, 30,000 Pods on 1,000 nodes/).slice(1, 5), [1600, '≥ 1,500', 'met', '3.3']);
  assert.deepEqual(rowOf(/^create → bound p99/).slice(1, 5), [1200.4, '≤ 1,000', 'missed', '3.3']);
  assert.deepEqual(rowOf(/^100 real Pods/).slice(1, 4), [4200, '≤ 5,000', 'met']);
  assert.deepEqual(rowOf(/p50 \(ms\)$/).slice(1, 4), [110, '≤ 120', 'met']);
  assert.deepEqual(rowOf(/p99 \(ms\)$/).slice(1, 4), [250, '≤ 200', 'missed']);
  assert.deepEqual(rowOf(/podman kube play/).slice(1, 4), ['391 / 578', '(baseline)', '']);
});

test('a failed suite gives its error, a suite not run the command that runs it, never a figure', () => {
  issue10Table(runs);
  assert.equal(rowOf(/^cold start with 150,000 Pods/)[1], 'failed: the store refused an object');
  assert.equal(rowOf(/^end-to-end bound, 50,000 Pods on 5,000 nodes/)[1], 'not run: npm run bench -- issue10');
  // A message that only introduces the server's log gives that log's last line too.
  issue10Table([{ name: 'kubelet', tables: [], load: 5, failed: 'berth server exited with 1:\nscheduler: synced 0 nodes\nberth: pod CIDR 10.88.0.0/16 is already in use\n' }]);
  assert.equal(rowOf(/^100 real Pods/)[1], 'failed: berth server exited with 1: berth: pod CIDR 10.88.0.0/16 is already in use');
  assert.equal(rowOf(/^server RSS with 1,000 nodes and 20,000 Pods/)[3], '');
  issue10Table(runs, 10);
  assert.equal(rowOf(/^end-to-end bound, 5,000 Pods on 500 nodes/)[1], 'not run: npm run bench -- issue10 10');
});

test('upstream figures are cited where they come from; no table when none of its suites ran', () => {
  const out = issue10Table(runs)!;
  assert.match(out, /test\/integration\/scheduler_perf\/misc\/performance-config\.yaml/);
  assert.match(out, /5000Nodes_10000Pods \(threshold: 680\) and 5000Nodes_50000Pods \(threshold: 810\)/);
  assert.match(out, /"Currently, KWOK can create 20 nodes or pods per second\."/);
  assert.equal(issue10Table([runs[0]!]), undefined);
  // The plan runs every suite its rows read, and only those.
  const { suites, rows } = issue10Plan();
  assert.deepEqual(new Set(suites.map(([name]) => name)), new Set(rows.map((r) => r.source.suite)));
});
