// The one way berth runs host programs: what a run reports (output, exit code, timeout, input from a
// string or a stream), the error a failed one becomes, and that the runtime and the CNI network run
// their programs through the HostCommands they are given, so a stand-in sees every call.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import test from 'node:test';
import { CniNetwork } from '../src/runtime/cni/network.js';
import { RuncRuntime } from '../src/runtime/runc/runtime.js';
import { hostCommands, runChecked, type HostCommands, type RunResult } from '../src/util/host-command.js';

test('run collects stdout, stderr and the exit code, and feeds input from a string or a stream', async () => {
  const r = await hostCommands.run('sh', ['-c', 'cat; echo oops >&2; exit 3'], { input: 'hello' });
  assert.deepEqual([r.code, r.stdout.toString(), r.stderr.toString(), r.timedOut], [3, 'hello', 'oops\n', undefined]);
  const big = 'x'.repeat(1 << 20);
  const s = await hostCommands.run('wc', ['-c'], { input: Readable.from([big, big]) });
  assert.equal(s.stdout.toString().trim(), String(2 << 20));
  // A program that exits without reading its input is not an error of ours: its exit code tells.
  assert.equal((await hostCommands.run('true', [], { input: Readable.from([big]) })).code, 0);
});

test('a run past its timeout is killed and says so; runChecked turns a failure into an error with stderr', async () => {
  const started = Date.now();
  const r = await hostCommands.run('sleep', ['30'], { timeoutMs: 200 });
  assert.equal(r.timedOut, true);
  assert.ok(Date.now() - started < 20_000);
  await assert.rejects(runChecked('sh', ['-c', 'echo why >&2; exit 2']), /sh -c echo why >&2; exit 2: exit 2: why/);
  assert.equal(await runChecked('echo', ['ok']), 'ok\n');
  await assert.rejects(hostCommands.run('/nonexistent/program', []), /ENOENT/);
});

/** A host that answers every run from a table and records what was asked. */
function standIn(answers: Record<string, string>): HostCommands & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(file, args): Promise<RunResult> {
      const line = [file, ...args].join(' ');
      calls.push(line);
      const key = Object.keys(answers).find((k) => line.includes(k));
      return { code: key ? 0 : 1, stdout: Buffer.from(key ? answers[key]! : ''), stderr: Buffer.from(key ? '' : 'not scripted') };
    },
    spawn() {
      throw new Error('not scripted');
    },
  };
}

test('the runc runtime asks its HostCommands, not the host, for runc', async () => {
  const host = standIn({ '--version': 'runc version 9.8.7\ncommit: x\n', features: '{"mountOptions":["rro"]}' });
  const cni = new CniNetwork({ binDir: '/nowhere', podCIDR: '10.250.0.0/24', bridge: 'berth-none', stateDir: '/nowhere', host });
  const rt = new RuncRuntime({ root: '/nowhere/runtime', rootfs: { prepareRootfs: async () => '', releaseRootfs: async () => {} }, pauseRootfs: '/nowhere', cni, host });
  assert.equal(await rt.version(), '9.8.7');
  assert.deepEqual(await rt.features(), { recursiveReadOnlyMounts: true, userNamespaces: false });
  assert.deepEqual(host.calls, ['/usr/sbin/runc --version', '/usr/sbin/runc features']);
});

test('the CNI network reads the host\'s addresses through its HostCommands', async () => {
  const addrs = [{ ifname: 'eth9', addr_info: [{ local: '10.250.0.7', prefixlen: 16 }] }];
  const host = standIn({ 'ip -j -4 addr show': JSON.stringify(addrs) });
  const cni = new CniNetwork({ binDir: '/nowhere', podCIDR: '10.250.0.0/24', bridge: 'berth-none', stateDir: '/nowhere', host });
  await assert.rejects(cni.checkHost(), /pod CIDR 10\.250\.0\.0\/24 is already in use on this host: eth9 has address 10\.250\.0\.7\/16/);
});
