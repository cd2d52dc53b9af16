// From `--datastore-endpoint` and its TLS files to a connected etcd3 client: endpoints checked
// up front, and the cluster reached once before berth starts on it, so a wrong address fails the
// start with etcd's own reason instead of every later request.

import { readFile } from 'node:fs/promises';
import { Etcd3 } from 'etcd3';

export interface EtcdConnection {
  /** http:// or https:// URLs of etcd members, e.g. http://127.0.0.1:2379. */
  endpoints: string[];
  /** PEM files: the CA that signed the members' certificates, and berth's client certificate and key. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** How long the first request may take before berth gives up on the cluster. */
const REACH_TIMEOUT_MS = 10_000;

/** Splits and checks a comma-separated endpoint list. */
export function parseEndpoints(text: string): string[] {
  const endpoints = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!endpoints.length) throw new Error('--datastore-endpoint: no endpoint given');
  for (const e of endpoints) {
    let url: URL;
    try {
      url = new URL(e);
    } catch {
      throw new Error(`--datastore-endpoint: ${e} is not a URL (want http://host:port or https://host:port)`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.port || (url.pathname !== '/' && url.pathname !== '')) {
      throw new Error(`--datastore-endpoint: ${e} is not an etcd client URL (want http://host:port or https://host:port)`);
    }
  }
  if (new Set(endpoints.map((e) => new URL(e).protocol)).size > 1) throw new Error('--datastore-endpoint: endpoints mix http and https');
  return endpoints;
}

export async function connectEtcd(c: EtcdConnection): Promise<Etcd3> {
  const secure = c.endpoints[0].startsWith('https:');
  if (!secure && (c.caFile || c.certFile || c.keyFile)) throw new Error('--datastore-cafile/certfile/keyfile need https:// endpoints');
  if (Boolean(c.certFile) !== Boolean(c.keyFile)) throw new Error('--datastore-certfile and --datastore-keyfile go together');
  const [rootCertificate, certChain, privateKey] = await Promise.all([c.caFile, c.certFile, c.keyFile].map((f) => (f ? readFile(f) : undefined)));
  const client = new Etcd3({
    hosts: c.endpoints.map((e) => new URL(e).host),
    // Without a CA file, the system's roots verify the members (rootCertificate may be left out).
    ...(secure ? { credentials: { rootCertificate: rootCertificate!, certChain, privateKey } } : {}),
    // A watch cache fills itself from lists of thousands of objects: no 4 MiB cap on answers.
    grpcOptions: { 'grpc.max_receive_message_length': -1 },
  });
  try {
    await client.kv.range({ key: Buffer.from('/'), count_only: true }, { deadline: Date.now() + REACH_TIMEOUT_MS });
  } catch (e) {
    client.close();
    throw new Error(`cannot reach etcd at ${c.endpoints.join(',')}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return client;
}

/**
 * Whether this etcd answers a WatchProgressRequest only once the stream has sent every event up to the
 * revision it names: from 3.4.31 and 3.5.13 on, as upstream Kubernetes requires before it serves
 * consistent reads from its watch cache. Earlier members may send the mark ahead of events still
 * queued (etcd issue 15220), so reads on them go to etcd instead.
 */
export async function marksProgressReliably(client: Etcd3): Promise<boolean> {
  return marksProgressReliablyIn((await client.maintenance.status()).version);
}

/** The same, by an etcd version such as 3.4.23. */
export function marksProgressReliablyIn(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((n) => parseInt(n, 10));
  if (major !== 3) return major > 3;
  if (minor === 4) return patch >= 31;
  if (minor === 5) return patch >= 13;
  return minor > 5;
}
