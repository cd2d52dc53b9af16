// `berth killall` on the data dir of a node whose server is still running stops that server first (as
// k3s-killall.sh stops k3s), so its kubelet cannot race the teardown; processes of other data dirs,
// and berth commands that run no node, are left alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveNodeProcesses } from '../src/cli/live-node.js';
import { BERTH_BIN, startServer } from './support/server.js';

/** A process whose command line reads as `node …/cli/main.js ARGS`, idle until killed. */
function standIn(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '/opt/berth/dist/src/cli/main.js', ...args], { cwd, stdio: 'ignore' });
}

test('the node processes of a data dir are found by its flag, relative to their working directory, and no others', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-live-'));
  const procs = [
    standIn(['server', '--data-dir', join(dir, 'a')], '/'),
    standIn(['agent', '--data-dir=a'], dir),
    standIn(['server', '--data-dir', join(dir, 'b')], '/'),
    standIn(['images', 'build', 'busybox', '--data-dir', join(dir, 'a')], '/'),
  ];
  try {
    await new Promise((r) => setTimeout(r, 200)); // their command lines are in /proc once exec'd
    assert.deepEqual(liveNodeProcesses(join(dir, 'a')).sort(), [procs[0]!.pid!, procs[1]!.pid!].sort());
    assert.deepEqual(liveNodeProcesses(join(dir, 'b')), [procs[2]!.pid!]);
    assert.deepEqual(liveNodeProcesses(join(dir, 'c')), []);
  } finally {
    for (const p of procs) p.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

test('killall stops a server still running on the data dir before tearing its node down', async () => {
  const server = await startServer();
  const other = await startServer();
  try {
    const exited = new Promise<number | null>((r) => server.process.once('exit', (code) => r(code)));
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [BERTH_BIN, 'killall', '--data-dir', server.dataDir], (err, _out, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr })));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`stopping the berth process running the node in ${server.dataDir} first \\(pid ${server.process.pid}\\)`));
    assert.equal(await exited, 0, 'the server stopped gracefully');
    assert.equal(other.process.exitCode ?? other.process.signalCode, null, 'the server of another data dir runs on');
  } finally {
    await server.dispose();
    await other.dispose();
  }
});
