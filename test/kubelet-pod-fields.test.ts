// Pod fields the kubelet honours, over the fake runtime beneath the real Kubelet: envFrom, the
// termination message (file and FallbackToLogsOnError), activeDeadlineSeconds. No root, no runc.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, test } from 'node:test';
import type { Container, Pod, PodSpec } from '../src/api/types.js';
import type { ContainerConfig } from '../src/runtime/types.js';
import type { FakeProgram } from '../src/runtime/fake/runtime.js';
import type { FakeCluster } from './kubelet-fake-cluster.js';
import { createPod as createFakePod, startFakeNode, untilPod, type FakeNode } from './support/fake-kubelet.js';

let dir: string;
let node: FakeNode;
let cluster: FakeCluster;
/** Each created container's configuration, by name. */
let configs: Map<string, ContainerConfig>;
/** What a container does when created (it may write its files), by name. */
let behaviour: Record<string, (cfg: ContainerConfig) => FakeProgram>;
let seq = 0;

beforeEach(async () => {
  dir ??= await mkdtemp(join(tmpdir(), 'berth-pod-fields-'));
  configs = new Map();
  behaviour = {};
  node = await startFakeNode(join(dir, String(++seq)), (cfg) => { configs.set(cfg.name, cfg); return behaviour[cfg.name]?.(cfg) ?? {}; }, ['PATH=/bin', 'FROM_IMAGE=1']);
  cluster = node.cluster;
});
afterEach(() => node.stop());
after(() => rm(dir, { recursive: true, force: true }));

const createPod = (spec: Partial<PodSpec> & { containers: Container[] }): Pod => createFakePod(cluster, spec);
const until = (uid: string, what: string, ok: (p: Pod) => boolean, ms?: number): Promise<Pod> => untilPod(cluster, uid, what, ok, ms);
const data = (o: Record<string, string>) => ({ data: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)])) });
const running = (p: Pod) => !!p.status?.containerStatuses?.[0]?.state?.running;

test('envFrom: configMap and secret keys with a prefix reach the container, env wins, invalid names skipped with the upstream event', async () => {
  cluster.configMaps.set('default/c', data({ A: 'from-cm', B: 'cm-b', 'x=1': 'bad' }));
  cluster.secrets.set('default/s', data({ TOKEN: 'sek' }));
  const pod = createPod({ containers: [{
    name: 'app', image: 'busybox',
    envFrom: [{ configMapRef: { name: 'c' } }, { prefix: 'S_', secretRef: { name: 's' } }, { configMapRef: { name: 'absent', optional: true } }],
    env: [{ name: 'B', value: 'explicit' }, { name: 'BOTH', value: '$(A)-$(S_TOKEN)' }],
  }] });
  await until(pod.metadata.uid!, 'running', running);
  const env = configs.get('app')!.env;
  for (const line of ['A=from-cm', 'B=explicit', 'S_TOKEN=sek', 'BOTH=from-cm-sek', 'FROM_IMAGE=1']) assert.ok(env.includes(line), `${line} in ${env.join(' ')}`);
  assert.ok(!env.some((l) => l.startsWith('x=1')));
  const skipped = cluster.events.find((e) => e.reason === 'InvalidEnvironmentVariableNames');
  assert.equal(skipped?.type, 'Warning');
  assert.equal(skipped?.message, 'Keys [x=1] from the EnvFrom configMap default/c were skipped since they are considered invalid environment variable names.');
});

test('envFrom: a missing source that is not optional keeps the container in CreateContainerConfigError', async () => {
  const pod = createPod({ containers: [{ name: 'app', image: 'busybox', envFrom: [{ configMapRef: { name: 'c' } }] }] });
  const p = await until(pod.metadata.uid!, 'CreateContainerConfigError', (x) => x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CreateContainerConfigError');
  assert.equal(p.status!.containerStatuses![0]!.state!.waiting!.message, 'configmap "c" not found');
  assert.ok(!configs.has('app'), 'never created');
});

/** The host file the kubelet bound at the container's path. */
const boundAt = (cfg: ContainerConfig, path: string) => cfg.mounts.find((m) => m.containerPath === path)!.hostPath;

test('terminationMessagePath: the file the container wrote becomes state.terminated.message, cut at 4096 bytes', async () => {
  behaviour = {
    a: (cfg) => { writeFileSync(boundAt(cfg, '/dev/termination-log'), 'all done'); return { exitAfterMs: 0, exitCode: 0 }; },
    b: (cfg) => { writeFileSync(boundAt(cfg, '/tmp/msg'), 'x'.repeat(5000)); return { exitAfterMs: 0, exitCode: 3 }; },
  };
  const pod = createPod({ restartPolicy: 'Never', containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox', terminationMessagePath: '/tmp/msg' }] });
  const p = await until(pod.metadata.uid!, 'Failed', (x) => x.status?.phase === 'Failed');
  const [a, b] = p.status!.containerStatuses!;
  assert.equal(a!.state!.terminated!.message, 'all done');
  assert.equal(b!.state!.terminated!.message, 'x'.repeat(4096));
});

test('a restarted container keeps its last message in lastState and starts with an empty file', async () => {
  let runs = 0;
  // Written in place (r+), as a process that opens the file without truncating it would.
  const write = (cfg: ContainerConfig, text: string) => writeFileSync(boundAt(cfg, '/dev/termination-log'), text, { flag: 'r+' });
  behaviour = { crash: (cfg) => { write(cfg, runs++ === 0 ? 'the first run' : '2nd'); return { exitAfterMs: 0, exitCode: 1 }; } };
  const pod = createPod({ containers: [{ name: 'crash', image: 'busybox' }] });
  const p = await until(pod.metadata.uid!, 'in CrashLoopBackOff', (x) => x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff');
  const s = p.status!.containerStatuses![0]!;
  assert.equal(s.restartCount, 1);
  assert.equal(s.lastState!.terminated!.message, '2nd');
});

test('FallbackToLogsOnError: an empty file and a failed exit take the last 80 log lines; a success or the File policy do not', async () => {
  const log = (cfg: ContainerConfig, code: number): FakeProgram => {
    const lines = Array.from({ length: 100 }, (_, i) => `2024-05-01T10:00:00.000000000Z stdout F line ${i}`);
    writeFileSync(cfg.logPath, `${lines.join('\n')}\n2024-05-01T10:00:01.000000000Z stderr P no newline\n`);
    return { exitAfterMs: 0, exitCode: code };
  };
  behaviour = { fails: (cfg) => log(cfg, 1), ok: (cfg) => log(cfg, 0), file: (cfg) => log(cfg, 1) };
  const fallback = { image: 'busybox', terminationMessagePolicy: 'FallbackToLogsOnError' };
  const pod = createPod({ restartPolicy: 'Never', containers: [{ name: 'fails', ...fallback }, { name: 'ok', ...fallback }, { name: 'file', image: 'busybox', terminationMessagePolicy: 'File' }] });
  const p = await until(pod.metadata.uid!, 'Failed', (x) => x.status?.phase === 'Failed');
  const [fails, ok, file] = p.status!.containerStatuses!;
  const expected = [...Array.from({ length: 79 }, (_, i) => `line ${i + 21}\n`), 'no newline'].join('');
  assert.equal(fails!.state!.terminated!.message, expected.slice(-2048));
  assert.equal(ok!.state!.terminated!.message, undefined);
  assert.equal(file!.state!.terminated!.message, undefined);
});

test('activeDeadlineSeconds: past it the containers are killed and the Pod is Failed with DeadlineExceeded, with an event', async () => {
  const pod = createPod({ activeDeadlineSeconds: 2, terminationGracePeriodSeconds: 0, containers: [{ name: 'app', image: 'busybox' }] });
  // Not waited for Running: on a loaded machine the deadline may pass before a status shows it.
  const p = await until(pod.metadata.uid!, 'Failed', (x) => x.status?.phase === 'Failed', 30_000);
  assert.equal(p.status!.reason, 'DeadlineExceeded');
  assert.equal(p.status!.message, 'Pod was active on the node longer than the specified deadline');
  assert.ok(p.status!.containerStatuses![0]!.state!.terminated, 'container killed');
  const ev = cluster.events.filter((e) => e.reason === 'DeadlineExceeded');
  assert.deepEqual(ev.map((e) => [e.type, e.message]), [['Normal', 'Pod was active on the node longer than the specified deadline']]);
});
