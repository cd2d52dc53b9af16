// A sandbox whose creation fails midway undoes all it did: CNI ADD failing at once while runc starts the
// pause process, runc failing after ADD succeeded, a pod CIDR another node's bridge holds, the bridge
// plugin failing after host-local allocated the address. Each time no runc container or process, mount,
// network namespace, veth, address or cgroup is left, and `berth killall` over the data dir succeeds
// afterwards and removes the node's bridge and masquerade rule.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CniNetwork } from '../src/runtime/cni/network.js';
import { makePauseRootfs } from '../src/runtime/runc/pause.js';
import { Runc } from '../src/runtime/runc/runc-cli.js';
import { RuncRuntime } from '../src/runtime/runc/runtime.js';
import type { SandboxConfig } from '../src/runtime/types.js';
import { makeTestRuntime } from './support/rootfs.js';
import { BERTH_BIN } from './support/server.js';

let env: Awaited<ReturnType<typeof makeTestRuntime>>;
before(async () => { env = await makeTestRuntime(); });
after(async () => { await env?.cleanup(); });

const sandboxConfig = (name: string): SandboxConfig => ({
  podUid: `uid-${name}-${Date.now()}`, podName: name, namespace: 'default', hostname: name,
  hostsFile: '127.0.0.1 localhost\n', resolvConf: 'nameserver 10.96.0.10\n',
});

const readDir = (dir: string) => { try { return readdirSync(dir); } catch { return []; } };

/** Live pids whose cgroup is under the node's cgroup root (this host's pid 1 leaves zombies unreaped). */
function processesInNodeCgroup(): number[] {
  return readDir('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
      return readFileSync(`/proc/${p}/cgroup`, 'utf8').includes(`:${env.cgroupRoot}/`);
    } catch {
      return false;
    }
  }).map(Number);
}

async function assertNothingLeft(uid: string): Promise<void> {
  assert.deepEqual(await env.runtime.listPodSandboxes(), []);
  assert.deepEqual(await new Runc(join(env.opts.root, 'runc')).list(), [], 'runc containers');
  assert.deepEqual(processesInNodeCgroup(), [], 'processes in the node\'s cgroups (pause, runc init)');
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(env.dir));
  assert.deepEqual(mounts, [], 'mounts under the data dir');
  assert.deepEqual(readDir(join(env.opts.root, 'netns')), [], 'network namespaces');
  assert.deepEqual(readDir(join(env.dir, 'cni/ipam/berth')).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f)), [], 'allocated addresses');
  assert.doesNotMatch(execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' }), new RegExp(`master ${env.bridge} `), 'veths on the bridge');
  assert.equal(readDir(`/sys/fs/cgroup/memory${env.cgroupRoot}`).includes(`pod-${uid}`), false, 'the Pod\'s cgroup');
}

test('CNI ADD failing at once stops the pause process runc was starting meanwhile', async () => {
  // No plugins at all: ADD fails within milliseconds, long before `runc run` has finished (and DEL
  // fails too, which must not stop the rest of the undo).
  const binDir = join(env.dir, 'no-plugins');
  await mkdir(binDir, { recursive: true });
  const cni = new CniNetwork({ binDir, podCIDR: env.podCIDR, bridge: env.bridge, stateDir: join(env.dir, 'cni') });
  const runtime = new RuncRuntime({ ...env.opts, cni });
  const cfg = sandboxConfig('no-plugins');
  await assert.rejects(runtime.runPodSandbox(cfg), /bridge ENOENT/);
  await assertNothingLeft(cfg.podUid);
});

test('runc failing after CNI ADD succeeded releases the address', async () => {
  // A pause binary runc cannot execute.
  const broken = await makePauseRootfs(join(env.dir, 'broken-pause'));
  await chmod(join(broken, 'catatonit'), 0o644);
  const runtime = new RuncRuntime({ ...env.opts, pauseRootfs: broken });
  const cfg = sandboxConfig('broken');
  await assert.rejects(runtime.runPodSandbox(cfg), /runc run/);
  await assertNothingLeft(cfg.podUid);
  // The network itself is fine: a sandbox with a working pause gets an address and runs.
  const fine = sandboxConfig('fine');
  const id = await env.runtime.runPodSandbox(fine);
  const [sb] = await env.runtime.listPodSandboxes();
  assert.equal(sb.id, id);
  assert.equal(sb.state, 'ready');
  await env.runtime.removePodSandbox(id);
  await assertNothingLeft(fine.podUid);
});

test('another node\'s network over a pod CIDR in use is refused at its first Pod, naming the bridge', async () => {
  // A node that started before this one made its bridge passed the check at start; its first Pod must not.
  const bridge = `${env.bridge}x`;
  const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: env.podCIDR, bridge, stateDir: join(env.dir, 'cni-clash') });
  const runtime = new RuncRuntime({ ...env.opts, cni });
  const cfg = sandboxConfig('clash');
  await assert.rejects(runtime.runPodSandbox(cfg), new RegExp(`pod CIDR ${env.podCIDR.replace(/\./g, '\\.')} is already in use on this host: ${env.bridge} has address`));
  await assertNothingLeft(cfg.podUid);
  assert.throws(() => execFileSync('ip', ['link', 'show', bridge], { stdio: 'pipe' }), 'no bridge was made');
});

test('CNI ADD failing after the address was allocated undoes the sandbox', async () => {
  // The node's bridge holds an address of another network instead of its gateway: the bridge plugin
  // refuses it only after host-local allocated the Pod's address and the veth was made.
  execFileSync('ip', ['addr', 'flush', 'dev', env.bridge]);
  execFileSync('ip', ['addr', 'add', '198.51.100.1/24', 'dev', env.bridge]);
  try {
    for (const name of ['first', 'second']) {
      const cfg = sandboxConfig(name);
      await assert.rejects(env.runtime.runPodSandbox(cfg), /already has an IP address different from/);
      await assertNothingLeft(cfg.podUid);
    }
  } finally {
    execFileSync('ip', ['addr', 'flush', 'dev', env.bridge]);
  }
});

test('berth killall afterwards succeeds and removes the node\'s bridge and masquerade rule', async () => {
  const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(process.execPath, [BERTH_BIN, 'killall', '--data-dir', env.dir], (err, _out, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }));
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`bridge ${env.bridge}`));
  assert.deepEqual(processesInNodeCgroup(), []);
  assert.deepEqual(readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(env.dir)), []);
  assert.throws(() => execFileSync('ip', ['link', 'show', env.bridge], { stdio: 'pipe' }));
  assert.doesNotMatch(execFileSync('iptables', ['-w', '-t', 'nat', '-S', 'POSTROUTING'], { encoding: 'utf8' }), new RegExp(`berth pod network ${env.bridge}`));
  assert.equal(readDir(`/sys/fs/cgroup/memory${env.cgroupRoot}`).length, 0);
});
