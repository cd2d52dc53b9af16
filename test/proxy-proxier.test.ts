// The proxier against a real API server (no kubelet), as system:kube-proxy with the certificate the
// server's CA signs, handing its nftables programs to a recorder instead of the kernel: the first
// sync replaces the table whole, a burst of a thousand endpoints is one or two updates, an unchanged
// ruleset is not applied again, a deleted Service leaves the table, and a refused program is retried
// as a whole new table.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { EndpointSlice, Service } from '../src/api/types.js';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { clientFor } from '../src/cli/controlplane.js';
import { endpointSlices, services } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { Proxier } from '../src/proxy/proxier.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let admin: RestClient;
const stop = new AbortController();
const programs: string[] = [];
const logs: string[] = [];
let proxier: Proxier;
let options: ConstructorParameters<typeof Proxier>[0];

function slice(i: number, ready: boolean): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: `big-${i}`, namespace: 'default', labels: { 'kubernetes.io/service-name': 'big' } },
    addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: 100 }, (_, j) => ({ addresses: [`10.89.${i}.${j}`], conditions: { ready } })),
  };
}

before(async () => {
  server = await startServer({ disableAgent: true });
  admin = await RestClient.fromKubeconfig(server.kubeconfig);
  const pki = join(server.dataDir, 'pki');
  const identity = await issueCertificate(pki, 'kube-proxy', { cn: 'system:kube-proxy' }, 'client');
  options = {
    client: clientFor(server.url, await readFile(join(pki, 'ca.crt'), 'utf8'), identity, 'berth-proxy/test'),
    nodeName: 'n1', nodeIPs: ['192.0.2.2'], podCIDR: '10.88.0.0/16', table: 'test-proxy',
    log: (l) => logs.push(l),
    apply: async (p) => void programs.push(p),
  };
  // The kubernetes Service's endpoints come from the server's controller shortly after start: the first
  // program is to carry them.
  await until('the kubernetes Service\'s EndpointSlice', async () => (await admin.list<EndpointSlice>(endpointSlices, 'default', { labelSelector: 'kubernetes.io/service-name=kubernetes' })).items.some((s) => (s.endpoints ?? []).length > 0));
  proxier = new Proxier(options);
  await proxier.start(stop.signal);
});

after(async () => {
  stop.abort();
  await server?.dispose();
});

it('replaces the table whole at first, with the kubernetes Service', () => {
  assert.equal(programs.length, 1, logs.join('\n'));
  assert.match(programs[0], /^add table ip test-proxy\ndelete table ip test-proxy\nadd table ip test-proxy\n/);
  assert.match(programs[0], /10\.43\.0\.1 \. tcp \. 443 : goto service-[0-9a-f]{8}-default\/kubernetes\/tcp\/https/);
});

it('folds a burst of 1,000 endpoints into a few updates, and applies nothing for a change that alters no rule', async () => {
  const svc = await admin.create<Service>(services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'big' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
  await until('the Service refused (no endpoints yet)', () => programs.at(-1)!.includes(`${svc.spec.clusterIP} . tcp . 80 : goto reject-chain`));
  const before = programs.length;
  await Promise.all(Array.from({ length: 10 }, (_, i) => admin.create(endpointSlices, 'default', slice(i, true))));
  await until('all 1,000 endpoints programmed', () => programs.at(-1)!.includes('numgen random mod 1000 map'));
  const updates = programs.slice(before);
  assert.ok(updates.length <= 5, `${updates.length} applies for 10 slice writes`);
  assert.ok(updates.every((p) => p.startsWith('add table ip test-proxy\nflush table ip test-proxy\n')), 'updates, not replacements');

  const settled = programs.length;
  await admin.patch(endpointSlices, 'default', 'big-0', 'merge', { metadata: { annotations: { note: 'no rule depends on this' } } });
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(programs.length, settled);
  assert.equal(proxier.syncs, settled);
});

it('deletes a deleted Service\'s chains and map entries', async () => {
  await admin.delete(services, 'default', 'big');
  await until('the Service gone from the table', () => !programs.at(-1)!.split('\n').some((l) => l.startsWith('add') && l.includes('default/big/')));
  assert.match(programs.at(-1)!, /^delete chain ip test-proxy service-[0-9a-f]{8}-default\/big\/tcp\/http$/m);
  assert.deepEqual(logs, []);
});

it('retries a program the kernel refused, replacing the table whole', async () => {
  const tried: string[] = [];
  const failures: string[] = [];
  const halt = new AbortController();
  const retrying = new Proxier({
    ...options, retryMs: 20, log: (l) => failures.push(l),
    apply: async (p) => {
      tried.push(p);
      if (tried.length <= 2) throw new Error('nft: Could not process rule');
    },
  });
  await retrying.start(halt.signal);
  await until('applied on the third try', () => retrying.syncs === 1);
  halt.abort();
  assert.equal(tried.length, 3);
  assert.ok(tried.every((p) => p.startsWith('add table ip test-proxy\ndelete table ip test-proxy\n')), 'each try replaces the table');
  assert.deepEqual(failures, ['sync failed: nft: Could not process rule', 'sync failed: nft: Could not process rule']);
});
