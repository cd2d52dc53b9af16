// kubectl's own floor for `kubectl get pods -A`: a loopback server that answers discovery and every
// page of N copies of one Pod from memory, at once. kubectl asks for pages of 500 and its client
// holds itself to 5 requests a second after a burst of 10 (client-go's defaults, which kubectl does
// not change), so this is the least any API server can take for N Pods; the held bench prints it
// beside berth's figure.

import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KObject } from '../src/api/types.js';

const COLUMNS = JSON.stringify(['Name', 'Ready', 'Status', 'Restarts', 'Age'].map((name) => ({ name, type: name === 'Restarts' ? 'integer' : 'string', format: name === 'Name' ? 'name' : '', description: '', priority: 0 })));

export interface PodPages {
  kubeconfig: string;
  /** Requests answered so far (discovery and pages). */
  requests(): number;
  close(): Promise<void>;
}

/** Serves count copies of pod (named held-0…) as the core API's Pod list, pages as `limit` asks. */
export async function servePodPages(pod: KObject, count: number): Promise<PodPages> {
  let requests = 0;
  const head = JSON.stringify(pod).replace(`"name":"${pod.metadata.name}"`, '"name":"@"');
  const podJson = (i: number): string => head.replace('"name":"@"', `"name":"held-${i}"`);
  const json = (body: unknown): string => JSON.stringify(body);
  const namespace = json(pod.metadata.namespace);
  const tableRow = (i: number): string =>
    `{"cells":["held-${i}","1/1","Running",0,"1m"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"held-${i}","namespace":${namespace}}}}`;
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://loopback');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/api') return res.end(json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }));
    if (url.pathname === '/apis') return res.end(json({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] }));
    if (url.pathname === '/api/v1') {
      return res.end(json({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] }] }));
    }
    if (url.pathname !== '/api/v1/pods') {
      res.statusCode = 404;
      return res.end(json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
    }
    const start = Number(url.searchParams.get('continue') || 0);
    const end = Math.min(count, start + (Number(url.searchParams.get('limit')) || count));
    const list = `"metadata":{"resourceVersion":"1"${end < count ? `,"continue":"${end}","remainingItemCount":${count - end}` : ''}}`;
    const items: string[] = [];
    // kubectl asks for a Table (the server prints), as berth and kube-apiserver answer it.
    const table = /as=Table/.test(req.headers.accept ?? '');
    for (let i = start; i < end; i++) items.push(table ? tableRow(i) : podJson(i));
    return res.end(table
      ? `{"kind":"Table","apiVersion":"meta.k8s.io/v1",${list},"columnDefinitions":${COLUMNS},"rows":[${items.join(',')}]}`
      : `{"kind":"PodList","apiVersion":"v1",${list},"items":[${items.join(',')}]}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = await mkdtemp(join(tmpdir(), 'berth-kubectl-floor-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await writeFile(kubeconfig, json({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'floor',
    clusters: [{ name: 'floor', cluster: { server: url } }], users: [{ name: 'floor', user: {} }],
    contexts: [{ name: 'floor', context: { cluster: 'floor', user: 'floor' } }],
  }));
  return {
    kubeconfig,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
