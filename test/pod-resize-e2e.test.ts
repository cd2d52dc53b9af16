// A running Pod changed in place, through the real kubectl against `berth server` with its kubelet
// (runc, the offline busybox image): `kubectl patch --subresource resize` moves the container's cgroup
// limits without a restart and the status says so (kubectl-resize.test.ts has what it refuses);
// and `kubectl delete --grace-period=0 --force` ends the container at once.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import type { TestServer } from './support/server.js';
import { kubectl } from './support/kubectl.js';
import { until } from './support/wait.js';
import { burstable, limits, resizePatch } from './support/resize.js';

let server: TestServer;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const get = async (obj: string, path: string) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
const resize = (pod: string, patch: object) => resizePatch(k, pod, patch);


/** The container's CFS quota and memory limit, as it sees its own cgroup (v1 or v2). */
async function cgroup(pod: string): Promise<{ quota: string; memory: string }> {
  const script = 'if [ -f /sys/fs/cgroup/cpu.max ]; then cut -d" " -f1 /sys/fs/cgroup/cpu.max; cat /sys/fs/cgroup/memory.max; '
    + 'else cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes; fi';
  const [quota = '', memory = ''] = (await k(['exec', pod, '--', 'sh', '-c', script])).stdout.trim().split('\n');
  return { quota, memory };
}

async function running(name: string): Promise<void> {
  await until(`${name} Running`, async () => (await get(`pod/${name}`, '{.status.phase}')) === 'Running', 60_000);
}

before(async () => {
  server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-pod-resize-')));
  await untilNodeReady(server);
});
after(() => disposeNodeServer(server));

describe('pods changed in place', { concurrency: true }, () => {
  it('resize: cpu and memory limits change in the running container\'s cgroup, restartCount stays 0, the status shows them', async () => {
    assert.equal((await k(['create', '-f', '-'], JSON.stringify(burstable('rs')))).code, 0);
    await running('rs');
    assert.deepEqual(await cgroup('rs'), { quota: '20000', memory: String(64 * 2 ** 20) });
    const r = await resize('rs', limits('c', { cpu: '500m', memory: '128Mi' }));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await get('pod/rs', '{.metadata.generation}'), '2');
    await until('cgroup resized', async () => (await cgroup('rs')).quota === '50000', 30_000);
    assert.deepEqual(await cgroup('rs'), { quota: '50000', memory: String(128 * 2 ** 20) });
    const status = await until('status resized', async () => {
      const s = await get('pod/rs', '{.status.containerStatuses[0].resources.limits.cpu} {.status.containerStatuses[0].resources.limits.memory} {.status.containerStatuses[0].allocatedResources.cpu} {.status.containerStatuses[0].restartCount}');
      return s.startsWith('500m') && s;
    }, 30_000);
    assert.equal(status, '500m 128Mi 100m 0');
    assert.equal(await get('pod/rs', '{.status.containerStatuses[0].lastState}'), '{}');

    // Beyond the node: admitted by the API, left pending by the kubelet; the cgroup keeps its values.
    const huge = await resize('rs', limits('c', { cpu: '2000' }, { cpu: '1000' }));
    assert.equal(huge.code, 0, huge.stderr);
    const cond = await until('PodResizePending', async () => (await get('pod/rs', '{.status.conditions[?(@.type=="PodResizePending")].reason}|{.status.conditions[?(@.type=="PodResizePending")].message}')).replace(/^\|$/, ''), 30_000);
    assert.match(cond, /^Infeasible\|Node didn't have enough capacity: cpu, requested: 1000000, capacity: \d+$/);
    assert.equal((await cgroup('rs')).quota, '50000');
    assert.equal(await get('pod/rs', '{.status.containerStatuses[0].allocatedResources.cpu}'), '100m');
    // Back within the node: the condition goes.
    assert.equal((await resize('rs', limits('c', { cpu: '300m' }, { cpu: '100m' }))).code, 0);
    await until('cgroup back', async () => (await cgroup('rs')).quota === '30000', 30_000);
    await until('PodResizePending gone', async () => (await get('pod/rs', '{.status.conditions[?(@.type=="PodResizePending")].type}')) === '', 30_000);
  });

  it('kubectl delete --grace-period=0 --force ends a container that ignores SIGTERM at once', async () => {
    const marker = 'sleep 3613';
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'forced' },
      spec: { terminationGracePeriodSeconds: 60, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: marker.split(' ') }] },
    };
    assert.equal((await k(['create', '-f', '-'], JSON.stringify(pod))).code, 0);
    await running('forced');
    const alive = () => { try { return execFileSync('pgrep', ['-f', `^${marker}$`]).toString().trim() !== ''; } catch { return false; } };
    assert.ok(alive(), 'the container process runs on the host');
    const start = Date.now();
    const d = await k(['delete', 'pod', 'forced', '--grace-period=0', '--force']);
    assert.equal(d.code, 0, d.stderr);
    await until('container process gone', () => !alive(), 60_000);
    // Well under the grace period, with room for a loaded machine: waiting out the 60 s would fail it.
    assert.ok(Date.now() - start < 30_000, `gone after ${Date.now() - start} ms, with 60 s of grace in the spec`);
  });
});
