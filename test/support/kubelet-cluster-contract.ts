// The KubeletCluster contract: what the kubelet may rely on from its view of the cluster, run against
// every implementation (the tests' in-memory fake and the REST adapter over a real API server), as
// the store's conformance suite is run against every backend. The harness plays the user's side.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isApiError } from '../../src/api/errors.js';
import type { CoreEvent, Lease, Node, Pod, Service } from '../../src/api/types.js';
import type { KubeletCluster, PodEventType } from '../../src/kubelet/cluster.js';

export interface ClusterHarness {
  cluster: KubeletCluster;
  /** The node the cluster is for (its identity, when the implementation has one). */
  nodeName: string;
  /** Create a Pod as a user would (bound to spec.nodeName); returns it as stored, uid set. */
  createPod(pod: Pod): Promise<Pod>;
  setLabels(namespace: string, name: string, labels: Record<string, string>): Promise<void>;
  /** DELETE with a grace period: the Pod stays, marked, until the kubelet deletes it. */
  deleteGracefully(namespace: string, name: string, graceSeconds: number): Promise<void>;
  getPod(namespace: string, name: string): Promise<Pod | null>;
  putConfigMap(namespace: string, name: string, data: Record<string, string>, binaryData: Record<string, string>): Promise<void>;
  /** Values base64-encoded, as in the API. */
  putSecret(namespace: string, name: string, data: Record<string, string>): Promise<void>;
  /** Create a Service as a user would (its cluster IP chosen by the implementation's API). */
  createService(svc: Service): Promise<void>;
  /** Events about the named object, as the API holds them. */
  events(namespace: string, name: string): Promise<CoreEvent[]>;
  getLease(name: string): Promise<Lease | null>;
  close(): Promise<void>;
}

const NS = 'default';
let seq = 0;

function podOn(node: string, extra: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `contract-${++seq}`, namespace: NS }, spec: { nodeName: node, containers: [{ name: 'app', image: 'busybox' }], ...extra } };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function kubeletClusterContract(name: string, makeHarness: () => Promise<ClusterHarness>): void {
  describe(`KubeletCluster contract: ${name}`, () => {
    let h: ClusterHarness;
    before(async () => {
      h = await makeHarness();
    });
    after(() => h.close());

    // First: a kubelet registers its Node before anything else (the Pod garbage collector removes Pods of unknown nodes).
    it('getNode is null until registerNode creates the Node; a second registration updates its labels and keeps its status', async () => {
      const node = (labels: Record<string, string>): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: h.nodeName, labels } });
      assert.equal(await h.cluster.getNode(h.nodeName), null, 'null before it is registered');
      const created = await h.cluster.registerNode(node({ 'kubernetes.io/hostname': h.nodeName }));
      assert.equal(created.metadata.name, h.nodeName);
      assert.ok(created.metadata.uid);
      await h.cluster.updateNodeStatus(h.nodeName, { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] });
      await h.cluster.registerNode(node({ 'kubernetes.io/hostname': h.nodeName, 'kubernetes.io/os': 'linux' }));
      const got = await h.cluster.getNode(h.nodeName);
      assert.equal(got?.metadata.uid, created.metadata.uid, 'the same Node');
      assert.equal(got?.metadata.labels?.['kubernetes.io/os'], 'linux');
      assert.equal(got?.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    });

    it('watchPods delivers this node\'s Pods as ADDED before it resolves, then their changes and deletion, nothing of other nodes, nothing after abort', async () => {
      const before = await h.createPod(podOn(h.nodeName));
      const elsewhere = await h.createPod(podOn(`${h.nodeName}-other`));
      const seen: [PodEventType, string, boolean][] = [];
      const abort = new AbortController();
      await h.cluster.watchPods(h.nodeName, (type, p) => seen.push([type, p.metadata.name!, !!p.metadata.deletionTimestamp]), abort.signal);
      assert.ok(seen.some(([t, n]) => t === 'ADDED' && n === before.metadata.name), 'existing Pod replayed as ADDED before resolving');
      const later = await h.createPod(podOn(h.nodeName));
      await h.setLabels(NS, later.metadata.name!, { changed: 'yes' });
      await h.deleteGracefully(NS, later.metadata.name!, 30);
      await until('the graceful deletion', async () => seen.some(([t, n, d]) => t === 'MODIFIED' && n === later.metadata.name && d));
      await h.cluster.deletePod(NS, later.metadata.name!, later.metadata.uid!);
      await until('the DELETED event', async () => seen.some(([t, n]) => t === 'DELETED' && n === later.metadata.name));
      const names = seen.filter(([, n]) => n === later.metadata.name).map(([t]) => t);
      assert.equal(names[0], 'ADDED');
      assert.equal(names.at(-1), 'DELETED');
      assert.ok(!seen.some(([, n]) => n === elsewhere.metadata.name), 'a Pod of another node is never delivered');
      abort.abort();
      const count = seen.length;
      await h.createPod(podOn(h.nodeName));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(seen.length, count, 'nothing after abort');
    });

    it('patchPodStatus replaces the whole status of that Pod; a stale uid changes nothing; a Pod that is gone is NotFound', async () => {
      const p = await h.createPod(podOn(h.nodeName));
      const [ns, n, uid] = [NS, p.metadata.name!, p.metadata.uid!];
      // What the API server set on create (qosClass) is kept, as the kubelet's status keeps it.
      const kept = p.status?.qosClass ? { qosClass: p.status.qosClass } : {};
      await h.cluster.patchPodStatus(ns, n, uid, { ...kept, phase: 'Running', message: 'first', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.9' }] });
      await h.cluster.patchPodStatus(ns, n, uid, { ...kept, phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.9' }] });
      const got = await h.getPod(ns, n);
      assert.equal(got?.status?.phase, 'Running');
      assert.equal(got?.status?.message, undefined, 'a field the kubelet dropped is gone');
      await assert.rejects(h.cluster.patchPodStatus(ns, n, 'not-its-uid', { ...kept, phase: 'Failed' }));
      assert.equal((await h.getPod(ns, n))?.status?.phase, 'Running');
      await h.cluster.deletePod(ns, n, uid);
      await assert.rejects(h.cluster.patchPodStatus(ns, n, uid, { ...kept, phase: 'Succeeded' }), (e: unknown) => isApiError(e, 'NotFound'));
    });

    it('deletePod removes the Pod for good, only for its uid; deleting it again is not an error', async () => {
      const p = await h.createPod(podOn(h.nodeName));
      await h.cluster.deletePod(NS, p.metadata.name!, 'not-its-uid');
      assert.ok(await h.getPod(NS, p.metadata.name!), 'a stale uid deletes nothing');
      await h.deleteGracefully(NS, p.metadata.name!, 30);
      assert.ok((await h.getPod(NS, p.metadata.name!))?.metadata.deletionTimestamp, 'kept while its grace runs');
      await h.cluster.deletePod(NS, p.metadata.name!, p.metadata.uid!);
      assert.equal(await h.getPod(NS, p.metadata.name!), null);
      await h.cluster.deletePod(NS, p.metadata.name!, p.metadata.uid!);
    });

    it('getConfigMap and getSecret give data and binaryData as bytes (secrets decoded); null when absent', async () => {
      const cm = `cm-${seq}`, secret = `s-${seq}`, missing = `missing-${seq}`;
      await h.putConfigMap(NS, cm, { text: 'hello' }, { bin: Buffer.from([0, 1, 255]).toString('base64') });
      await h.putSecret(NS, secret, { password: Buffer.from('s3cret').toString('base64') });
      // A node may read what its Pods name, as the node authorizer allows.
      await h.createPod(podOn(h.nodeName, {
        volumes: [{ name: 'a', configMap: { name: cm } }, { name: 'b', secret: { secretName: secret } }, { name: 'c', configMap: { name: missing } }],
      }));
      const got = await until('the ConfigMap readable', () => h.cluster.getConfigMap(NS, cm).catch(() => null));
      assert.deepEqual(got.data, { text: Buffer.from('hello'), bin: Buffer.from([0, 1, 255]) });
      assert.deepEqual((await h.cluster.getSecret(NS, secret))?.data, { password: Buffer.from('s3cret') });
      assert.equal(await h.cluster.getConfigMap(NS, missing), null);
    });

    it('recordEvent writes an Event about the Pod: kind, name, uid, the container\'s fieldPath, type, reason and message', async () => {
      const p = await h.createPod(podOn(h.nodeName));
      const watched = await new Promise<Pod>((resolve) => {
        const abort = new AbortController();
        void h.cluster.watchPods(h.nodeName, (_t, x) => {
          if (x.metadata.uid === p.metadata.uid) {
            abort.abort();
            resolve(x);
          }
        }, abort.signal);
      });
      h.cluster.recordEvent(watched, 'Warning', 'BackOff', 'Back-off restarting failed container app', 'spec.containers{app}');
      h.cluster.recordEvent(watched, 'Normal', 'Scheduled', 'about the Pod itself');
      const evs = await until('both events', async () => {
        const list = await h.events(NS, p.metadata.name!);
        return list.length >= 2 ? list : undefined;
      });
      const backoff = evs.find((e) => e.reason === 'BackOff');
      assert.deepEqual(
        { kind: backoff?.involvedObject.kind, name: backoff?.involvedObject.name, namespace: backoff?.involvedObject.namespace, uid: backoff?.involvedObject.uid, fieldPath: backoff?.involvedObject.fieldPath, type: backoff?.type, message: backoff?.message },
        { kind: 'Pod', name: p.metadata.name, namespace: NS, uid: p.metadata.uid, fieldPath: 'spec.containers{app}', type: 'Warning', message: 'Back-off restarting failed container app' },
      );
      assert.equal(evs.find((e) => e.reason === 'Scheduled')?.involvedObject.fieldPath, undefined);
    });

    it('listServices gives every Service, and one created later once the watch has it', async () => {
      const name = `svc-${h.nodeName}`;
      await h.cluster.listServices();
      await h.createService({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS }, spec: { selector: { app: name }, ports: [{ port: 80, protocol: 'TCP' }] } });
      const svc = await until('the new Service', async () => (await h.cluster.listServices()).find((s) => s.metadata.name === name && s.metadata.namespace === NS));
      assert.equal(svc.spec.ports?.[0]?.port, 80);
      assert.ok(svc.spec.clusterIP, 'with its cluster IP');
    });

    it('renewLease creates the node\'s Lease and renews it', async () => {
      const lease = (at: string): Lease => ({ metadata: { name: h.nodeName, namespace: 'kube-node-lease' }, spec: { holderIdentity: h.nodeName, leaseDurationSeconds: 40, renewTime: at } });
      await h.cluster.renewLease(lease('2026-01-01T00:00:00.000000Z'));
      assert.equal((await h.getLease(h.nodeName))?.spec?.renewTime, '2026-01-01T00:00:00.000000Z');
      await h.cluster.renewLease(lease('2026-01-01T00:00:10.000000Z'));
      assert.equal((await h.getLease(h.nodeName))?.spec?.renewTime, '2026-01-01T00:00:10.000000Z');
    });
  });
}
