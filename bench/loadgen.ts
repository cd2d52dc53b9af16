// A load generator process for the API benchmark: creates Pods with C concurrent clients and prints
// the latencies as JSON. Several run side by side so the client side is never the bottleneck.

import { performance } from 'node:perf_hooks';
import { apiFor } from '../test/support/api.js';

const [kubeconfig, prefix, countArg, clientsArg] = process.argv.slice(2);
const total = Number(countArg);
const clients = Number(clientsArg);
const api = await apiFor(kubeconfig);
const lat: number[] = [];
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (next < total) {
      const i = next++;
      const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${prefix}-${i}`, labels: { app: 'bench' } }, spec: { schedulerName: 'bench-unscheduled', containers: [{ name: 'c', image: 'busybox' }] } };
      const s = performance.now();
      const r = await api.call('POST', '/api/v1/namespaces/default/pods', body);
      if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
      lat.push(performance.now() - s);
    }
  }),
);
process.stdout.write(JSON.stringify({ lat, ms: performance.now() - t0 }));
api.close();
