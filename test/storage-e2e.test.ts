// Storage on the real kubelet: the node's local-path provisioner, the binder, the scheduler's
// WaitForFirstConsumer step and the kubelet's claim mounts, driven by the real kubectl. A PVC-backed
// Pod keeps its data across deletion and re-creation; a StatefulSet's pod-0 finds what its predecessor
// wrote; deleting the claim (or the claim and the volume) removes the directory on the node. (Uses
// runc, CNI and a server with its agent: run under the e2e lock.)

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const json = async (args: string[]) => JSON.parse((await k([...args, '-o', 'json'])).stdout || 'null');
const storageDir = () => join(server.dataDir, 'storage');

function claim(name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '64Mi' } }, ...extra } });
}

function pod(name: string, claimName: string, script: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: {
      restartPolicy: 'Never', terminationGracePeriodSeconds: 1, ...extra,
      containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', script], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  });
}

const phaseOf = async (kind: string, name: string) => (await k(['get', kind, name, '-o', 'jsonpath={.status.phase}'])).stdout;

async function succeeded(name: string): Promise<string> {
  await until(`${name} Succeeded`, async () => (await phaseOf('pod', name)) === 'Succeeded', 90_000, 250);
  return (await k(['logs', name])).stdout;
}

before(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-storage-e2e-'));
  const store = new ImageStore({ root: join(dataDir, 'images') });
  for (const name of ['pause', 'busybox'] as const) await buildImage(name, { store, log: (l) => process.stderr.write(`  [build ${name}] ${l}\n`) });
  server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
});
after(async () => {
  await server.dispose();
});

it('the node serves a default local-path StorageClass as k3s does', async () => {
  await until('the local-path class', async () => (await k(['get', 'sc', 'local-path'])).code === 0, 30_000, 200);
  const r = await k(['get', 'storageclass']);
  assert.match(r.stdout, /^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE$/m);
  assert.match(r.stdout, /^local-path \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false\s+\d+s$/m);
});

it('a claim waits for its first Pod, is bound on that Pod\'s node, and keeps the data across the Pod\'s deletion and re-creation', async () => {
  assert.equal((await k(['apply', '-f', '-'], claim('data'))).code, 0);
  // Defaulted to the default class by admission; WaitForFirstConsumer: nothing happens without a Pod.
  assert.equal((await k(['get', 'pvc', 'data', '-o', 'jsonpath={.spec.storageClassName}'])).stdout, 'local-path');
  await until('the WaitForFirstConsumer event', async () => /WaitForFirstConsumer\s+.*waiting for first consumer to be created before binding/.test((await k(['describe', 'pvc', 'data'])).stdout), 60_000, 250);
  assert.equal(await phaseOf('pvc', 'data'), 'Pending');
  assert.equal((await k(['get', 'pv', '-o', 'name'])).stdout.trim(), '');

  const w = await k(['apply', '-f', '-'], pod('writer', 'data', 'echo kept-across-pods > /data/note && ls /data'));
  assert.equal(w.code, 0, w.stderr);
  assert.equal((await succeeded('writer')).trim(), 'note');
  const pvc = await json(['get', 'pvc', 'data']);
  assert.equal(pvc.status.phase, 'Bound');
  assert.equal(pvc.metadata.annotations['volume.kubernetes.io/selected-node'], (await json(['get', 'pod', 'writer'])).spec.nodeName);
  const pv = await json(['get', 'pv', pvc.spec.volumeName]);
  assert.equal(pv.status.phase, 'Bound');
  assert.equal(pv.spec.claimRef.name, 'data');
  assert.equal(pv.spec.persistentVolumeReclaimPolicy, 'Delete');
  assert.deepEqual(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values, [pvc.metadata.annotations['volume.kubernetes.io/selected-node']]);
  assert.ok(pv.spec.hostPath.path.startsWith(storageDir()), pv.spec.hostPath.path);
  const get = await k(['get', 'pvc', 'data']);
  assert.match(get.stdout, new RegExp(`^data\\s+Bound\\s+${pv.metadata.name}\\s+64Mi\\s+RWO\\s+local-path\\s+<unset>\\s+\\d+s$`, 'm'));
  const gpv = await k(['get', 'pv']);
  assert.match(gpv.stdout, new RegExp(`^${pv.metadata.name}\\s+64Mi\\s+RWO\\s+Delete\\s+Bound\\s+default/data\\s+local-path\\s+<unset>\\s+\\d+s$`, 'm'));

  assert.equal((await k(['delete', 'pod', 'writer'])).code, 0);
  assert.equal((await k(['apply', '-f', '-'], pod('reader', 'data', 'cat /data/note'))).code, 0);
  assert.equal((await succeeded('reader')).trim(), 'kept-across-pods');
  // A second claim of the Pod, read-only, sees the same files and may not write them.
  assert.equal((await k(['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ro' },
    spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'cat /data/note; touch /data/x 2>&1 || true'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data', readOnly: true } }] },
  }))).code, 0);
  assert.match(await succeeded('ro'), /kept-across-pods\n.*Read-only file system/);

  // Deleting the claim releases the volume; its Delete policy removes the directory and the volume.
  assert.equal((await k(['delete', 'pod', 'reader', 'ro'])).code, 0);
  assert.ok(existsSync(pv.spec.hostPath.path));
  assert.equal((await k(['delete', 'pvc', 'data'])).code, 0);
  await until('the volume deleted', async () => (await k(['get', 'pv', pv.metadata.name])).code !== 0, 30_000, 250);
  assert.equal(existsSync(pv.spec.hostPath.path), false);
});

it('deleting a claim and its volume together removes the directory', async () => {
  assert.equal((await k(['apply', '-f', '-'], claim('both'))).code, 0);
  assert.equal((await k(['apply', '-f', '-'], pod('touch', 'both', 'touch /data/x'))).code, 0);
  await succeeded('touch');
  const volume = (await k(['get', 'pvc', 'both', '-o', 'jsonpath={.spec.volumeName}'])).stdout;
  const path = (await k(['get', 'pv', volume, '-o', 'jsonpath={.spec.hostPath.path}'])).stdout;
  assert.ok(existsSync(join(path, 'x')));
  assert.equal((await k(['delete', 'pod', 'touch'])).code, 0);
  const r = await k(['delete', 'pvc/both', `pv/${volume}`, '--wait=false']);
  assert.equal(r.code, 0, r.stderr);
  await until('the volume gone', async () => (await k(['get', 'pv', volume])).code !== 0, 30_000, 250);
  assert.equal(existsSync(path), false);
  assert.deepEqual(await readdir(storageDir()), []);
});

it('a StatefulSet\'s volumeClaimTemplates give pod-0 a claim that its re-created successor finds again', async () => {
  const sts = {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
    spec: {
      serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'if [ -f /var/db/id ]; then echo found $(cat /var/db/id); else echo $HOSTNAME-first > /var/db/id; echo wrote; fi; sleep 3600'], volumeMounts: [{ name: 'state', mountPath: '/var/db' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'state' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '32Mi' } } } }],
    },
  };
  assert.equal((await k(['apply', '-f', '-'], JSON.stringify(sts))).code, 0);
  const status = await k(['rollout', 'status', 'sts/db', '--timeout=90s']);
  assert.equal(status.code, 0, status.stderr);
  await until('db-0 wrote', async () => (await k(['logs', 'db-0'])).stdout.trim() === 'wrote', 30_000, 250);
  const claimOf = await json(['get', 'pvc', 'state-db-0']);
  assert.equal(claimOf.status.phase, 'Bound');
  assert.deepEqual(claimOf.metadata.labels, { app: 'db' });
  const firstUid = (await json(['get', 'pod', 'db-0'])).metadata.uid;
  assert.equal((await k(['delete', 'pod', 'db-0'])).code, 0);
  await until('db-0 re-created and Running', async () => {
    const p = await json(['get', 'pod', 'db-0']);
    return p && p.metadata.uid !== firstUid && p.status.phase === 'Running';
  }, 90_000, 250);
  await until('db-0 found its data', async () => (await k(['logs', 'db-0'])).stdout.trim() === 'found db-0-first', 30_000, 250);
  // The claims outlive the set (whenDeleted: Retain, the default).
  assert.equal((await k(['delete', 'sts', 'db'])).code, 0);
  assert.equal((await k(['get', 'pvc', 'state-db-0', '-o', 'name'])).stdout.trim(), 'persistentvolumeclaim/state-db-0');
});

it('a Pod naming a missing claim is Pending unschedulable; one bound to a node waits ContainerCreating until its claim is bound', async () => {
  assert.equal((await k(['apply', '-f', '-'], pod('orphan', 'nope', 'true'))).code, 0);
  await until('the FailedScheduling condition', async () => {
    const p = await json(['get', 'pod', 'orphan']);
    const c = p.status.conditions?.find((x: { type: string }) => x.type === 'PodScheduled');
    return c?.reason === 'Unschedulable' && /^0\/1 nodes are available: persistentvolumeclaim "nope" not found\. preemption: 0\/1 nodes are available: 1 Preemption is not helpful for scheduling\.$/.test(c.message);
  }, 60_000, 250);
  assert.equal(await phaseOf('pod', 'orphan'), 'Pending');

  // A static volume for a claim of an Immediate class nobody provisions: the Pod, placed by hand, waits.
  const manual = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'manual' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' };
  assert.equal((await k(['apply', '-f', '-'], JSON.stringify(manual))).code, 0);
  assert.equal((await k(['apply', '-f', '-'], claim('later', { storageClassName: 'manual' }))).code, 0);
  const node = (await k(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
  assert.equal((await k(['apply', '-f', '-'], pod('waiting', 'later', 'cat /data/hello', { nodeName: node }))).code, 0);
  await until('the FailedMount event', async () => /FailedMount\s+.*PVC default\/later has non-bound phase \("Pending"\)/.test((await k(['describe', 'pod', 'waiting'])).stdout), 30_000, 250);
  assert.equal((await k(['get', 'pod', 'waiting', '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.reason}'])).stdout, 'ContainerCreating');
  const dir = await mkdtemp(join(tmpdir(), 'berth-static-pv-'));
  await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'hello'), 'from a static volume\n'));
  const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'static' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], storageClassName: 'manual', hostPath: { path: dir } } };
  assert.equal((await k(['apply', '-f', '-'], JSON.stringify(pv))).code, 0);
  assert.equal((await succeeded('waiting')).trim(), 'from a static volume');
  assert.equal((await k(['get', 'pvc', 'later', '-o', 'jsonpath={.status.phase} {.spec.volumeName} {.status.capacity.storage}'])).stdout, 'Bound static 1Gi');
  // Retain (a static volume's default): released, not deleted, its files kept.
  assert.equal((await k(['delete', 'pod', 'waiting', 'orphan'])).code, 0);
  assert.equal((await k(['delete', 'pvc', 'later'])).code, 0);
  await until('the volume Released', async () => (await phaseOf('pv', 'static')) === 'Released', 60_000, 250);
  assert.ok(existsSync(join(dir, 'hello')));
});
