// The zone's view of a real cluster (informers through the client): its serial, which makes the DNS
// server forget the answers it remembered, moves when a Pod's address changes but not when only the
// Pod's conditions do (those change all the time and are not in the zone).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../src/api/types.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { Informer } from '../src/client/informer.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { SharedInformers } from '../src/client/shared.js';
import { InformerView, podIndexers } from '../src/dns/view.js';
import { ClusterZone } from '../src/dns/zone.js';
import { startServer } from './support/server.js';

test('a Pod\'s new conditions keep the zone\'s serial; its new address moves it and is answered', async () => {
  const server = await startServer();
  const ac = new AbortController();
  try {
    const client = new RestClient(new HttpsTransport(await loadKubeconfig(server.kubeconfig)));
    const shared = new SharedInformers(client, () => {});
    const services = shared.services();
    const slices = shared.endpointSlices();
    const podInformer = new Informer<Pod>(client, pods, { indexers: podIndexers });
    const view = new InformerView(services, slices, podInformer);
    for (const inf of [services, slices, podInformer]) void inf.run(ac.signal);
    await Promise.all([services.waitForSync(), slices.waitForSync(), podInformer.waitForSync()]);
    const zone = new ClusterZone('cluster.local', view);

    const created = await client.create<Pod>(pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    // The informer has seen the write (or a later one: the scheduler writes the Pod too).
    const seen = async (rv: string) => {
      const caughtUp = () => Number(podInformer.get('default/p')?.metadata.resourceVersion) >= Number(rv);
      for (let i = 0; i < 500 && !caughtUp(); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(caughtUp(), `the informer saw resourceVersion ${rv}`);
    };
    await seen(created.metadata.resourceVersion!);
    const before = zone.serial();

    const conditions = { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] } };
    await seen((await client.patch<Pod>(pods, 'default', 'p', 'merge', conditions, { subresource: 'status' })).metadata.resourceVersion!);
    assert.equal(zone.serial(), before, 'conditions are not in the zone');
    assert.equal(zone.answer('10-88-0-9.default.pod.cluster.local', 'A').rcode, 'NXDOMAIN');

    const addressed = { status: { podIP: '10.88.0.9', podIPs: [{ ip: '10.88.0.9' }] } };
    await seen((await client.patch<Pod>(pods, 'default', 'p', 'merge', addressed, { subresource: 'status' })).metadata.resourceVersion!);
    assert.notEqual(zone.serial(), before, 'an address is');
    assert.deepEqual(zone.answer('10-88-0-9.default.pod.cluster.local', 'A').answers.map((a) => 'data' in a && a.data), ['10.88.0.9']);
  } finally {
    ac.abort();
    await server.dispose();
  }
});
