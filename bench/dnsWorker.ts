// The DNS benchmark's helpers, each in a thread of its own so that its work is not the query timer's:
// 'echo' is the baseline, a UDP socket sending back what it receives; 'upstream' a resolver answering
// every name with one A record (the host's resolver the server forwards to); 'churn' keeps the server
// busy creating Pods (and deleting the older ones) between a 'start' message and a 'stop', which it
// answers with how many it created.

import dgram from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import * as dnsPacket from 'dns-packet';
import type { Pod } from '../src/api/types.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { UDP_RECV_BUFFER } from '../src/dns/forward.js';

export type HelperData =
  | { role: 'echo' }
  | { role: 'upstream'; host: string; port: number }
  | { role: 'churn'; kubeconfig: string; concurrency: number };

/** Pods each churn loop keeps before deleting its oldest. */
const KEPT_PER_LOOP = 20;

async function listen(role: 'echo' | 'upstream', host: string, port: number): Promise<number> {
  // The upstream has the receive queue of berth's DNS sockets: at the default ~200 KiB it dropped bursts
  // of forwarded queries, each of which then waited out the forwarder's 2 s timeout. (The echo, the
  // baseline, keeps the default it was measured with.)
  const sock = dgram.createSocket({ type: 'udp4', ...(role === 'upstream' ? { recvBufferSize: UDP_RECV_BUFFER } : {}) });
  sock.on('message', (msg, from) => {
    if (role === 'echo') return sock.send(msg, from.port, from.address);
    const q = dnsPacket.decode(msg);
    const question = q.questions![0]!;
    sock.send(dnsPacket.encode({ type: 'response', id: q.id, flags: dnsPacket.RECURSION_AVAILABLE, questions: [question], answers: [{ type: 'A', name: question.name, ttl: 60, data: '192.0.2.1' }] }), from.port, from.address);
  });
  await new Promise<void>((r) => sock.bind(port, host, r));
  return sock.address().port;
}

async function churn(kubeconfig: string, concurrency: number): Promise<void> {
  const client = new RestClient(new HttpsTransport(await loadKubeconfig(kubeconfig)));
  let running = false;
  let created = 0;
  let round = 0;
  let loops: Promise<void>[] = [];
  const loop = async (prefix: string): Promise<void> => {
    for (let i = 0; running; i++) {
      const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${prefix}-${i}`, labels: { app: 'churn' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
      await client.create(pods, 'default', pod);
      created++;
      if (i >= KEPT_PER_LOOP) await client.delete(pods, 'default', `${prefix}-${i - KEPT_PER_LOOP}`, { gracePeriodSeconds: 0 }).catch(() => undefined);
    }
  };
  parentPort!.on('message', (m: 'start' | 'stop') => {
    if (m === 'start') {
      running = true;
      created = 0;
      // Each round's names are new, so no name is created twice.
      round++;
      loops = Array.from({ length: concurrency }, (_, j) => loop(`churn-${round}-${j}`));
      return;
    }
    running = false;
    void Promise.all(loops).then(() => parentPort!.postMessage(created));
  });
  parentPort!.postMessage(0);
}

const data = workerData as HelperData;
if (data.role === 'churn') await churn(data.kubeconfig, data.concurrency);
else parentPort!.postMessage(await listen(data.role, data.role === 'upstream' ? data.host : '127.0.0.1', data.role === 'upstream' ? data.port : 0));
