// Node lifecycle and pod GC against a real berth API server, with a hollow node (the real kubelet
// over the fake runtime, its lease renewed every 250 ms) as the kubelet. The
// server runs these controllers itself (cli/controlplane.ts); a short grace period makes them quick.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject, Node, Pod } from '../src/api/types.js';
import { isApiError } from '../src/api/errors.js';
import { nodes, pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { hollowNodes } from './support/hollow.js';
import { startServer, type TestServer } from './support/server.js';
import { until as waitUntil } from './support/wait.js';

let server: TestServer;
let client: RestClient;

before(async () => {
  server = await startServer({ disableAgent: true, args: ['--node-monitor-grace-period', '1500ms', '--pod-gc-quarantine', '3s'] });
  client = await RestClient.fromKubeconfig(server.kubeconfig);
});
after(async () => {
  client.transport.close();
  await server.dispose();
});

const until = <T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> =>
  waitUntil(what, () => fn().catch((e: unknown) => (isApiError(e, 'NotFound') ? ('gone' as unknown as T) : Promise.reject(e))), timeoutMs, 50);

const boundPod = (name: string, nodeName: string, tolerationSeconds?: number): KObject => ({
  metadata: { name, namespace: 'default' },
  spec: {
    nodeName,
    containers: [{ name: 'c', image: 'busybox' }],
    tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', ...(tolerationSeconds !== undefined ? { tolerationSeconds } : {}) }],
  },
});
const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
const startSim = () => hollowNodes(server, { count: 1, prefix: 'life-', leaseDurationSeconds: 1 });

test('a silent node goes Unknown and tainted, its pods Unknown and evicted after tolerationSeconds; renewal lifts the taints', async () => {
  let sim = await startSim();
  await until('node registered', () => client.get<Node>(nodes, undefined, 'life-0'));
  await client.create(pods, 'default', boundPod('short', 'life-0', 2));
  await client.create(pods, 'default', boundPod('forever', 'life-0'));
  await until('pods running', async () => (await client.get<Pod>(pods, 'default', 'forever')).status?.phase === 'Running');

  await sim.stop();
  const silentAt = Date.now();
  const unknown = await until('Ready Unknown', async () => {
    const c = ready(await client.get<Node>(nodes, undefined, 'life-0'));
    return c?.status === 'Unknown' ? c : null;
  });
  assert.ok(Date.now() - silentAt >= 1000, 'not before the grace period');
  assert.equal(unknown.reason, 'NodeStatusUnknown');
  assert.equal(unknown.message, 'Kubelet stopped posting node status.');
  // The condition and the taints are two writes: wait for the second.
  const taints = await until('taints', async () => {
    const t = (await client.get<Node>(nodes, undefined, 'life-0')).spec?.taints ?? [];
    return t.length >= 2 ? t : null;
  });
  assert.deepEqual(taints.map((t) => `${t.key}:${t.effect}`).sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  assert.ok(taints.every((t) => t.timeAdded));
  const lost = await until('pod Unknown', async () => {
    const p = await client.get<Pod>(pods, 'default', 'forever');
    return p.status?.phase === 'Unknown' ? p : null;
  });
  assert.equal(lost.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');

  // tolerationSeconds 2: evicted (deleting or gone) about two seconds after the taint
  await until('short evicted', async () => {
    const p = await client.get<Pod>(pods, 'default', 'short');
    return !!p.metadata.deletionTimestamp;
  }, 60_000);
  const forever = await client.get<Pod>(pods, 'default', 'forever');
  assert.equal(forever.metadata.deletionTimestamp, undefined, 'a toleration without seconds keeps the pod');

  sim = await startSim();
  try {
    await until('taints lifted and Ready', async () => {
      const n = await client.get<Node>(nodes, undefined, 'life-0');
      return ready(n)?.status === 'True' && !(n.spec?.taints ?? []).length;
    }, 60_000); // the kubelet re-posts a status the controller overwrote at its next 10 s check
    await until('pod Running again', async () => (await client.get<Pod>(pods, 'default', 'forever')).status?.phase === 'Running');
  } finally {
    await sim.stop();
  }
});

test('pods bound to a node that does not exist are deleted once the node stayed missing for the quarantine', async () => {
  const created = Date.now();
  await client.create(pods, 'default', boundPod('orphan', 'ghost'));
  // Upstream's pod GC gives a missing node 40 s (here 3 s) to register before its Pods go.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await client.get<Pod>(pods, 'default', 'orphan')).metadata.deletionTimestamp, undefined);
  await until('orphan deleted', async () => {
    try {
      await client.get(pods, 'default', 'orphan');
      return false;
    } catch (e) {
      return isApiError(e, 'NotFound');
    }
  });
  assert.ok(Date.now() - created >= 3000, 'deleted before the quarantine ended');
});
