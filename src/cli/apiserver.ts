// The API server and its store, started as one: the store opened (SQLite in the data dir, or etcd), the
// cluster's certificates, the registry and its watch caches, the HTTPS listener and the kubeconfig;
// stop() takes them down in reverse. `berth server` is built on it, and so is anything that wants a
// real API server in its own process.

import { join } from 'node:path';
import { issueCertificate, type KeyPair, type Pki } from '../apiserver/auth/certs.js';
import { AuditLog } from '../apiserver/audit.js';
import { TokenSigner } from '../apiserver/auth/token-signer.js';
import { ServiceAccountTokens } from '../apiserver/auth/token-authenticator.js';
import { WatchBudget } from '../apiserver/handlers/watch-budget.js';
import { cacheGauges } from '../apiserver/metrics/endpoint.js';
import { MetricsApi } from '../apiserver/metrics/metrics-api.js';
import { ApiServerMetrics } from '../apiserver/metrics/request-metrics.js';
import { ResourceUsage } from '../apiserver/metrics/resource-usage.js';
import { measuredBackend } from '../apiserver/metrics/store-metrics.js';
import { SummaryScraper } from '../apiserver/metrics/summaries.js';
import { KubeletProxy } from '../apiserver/proxy/kubelet.js';
import { Registry } from '../apiserver/registry/index.js';
import { createApiHandler, createApiServer, type ApiServerOptions } from '../apiserver/server.js';
import type { Node } from '../api/types.js';
import type { Backend } from '../store/types.js';
import { inProcessConnect, type Connect } from './controlplane.js';
import { cachedObjects } from '../apiserver/in-process-transport.js';
import { openDatastore, type DatastoreFlags } from './datastore.js';
import { ensureJoinToken, joinTokenAuthenticator } from './join-token.js';
import { kubeconfigYaml, writeKubeconfig } from './kubeconfig.js';

/** The issuer (and the API server's audience) of service-account tokens, as kubeadm sets it. */
const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ApiServerStart {
  /** Where state, certificates, the token and kubeconfig.yaml live. */
  dataDir: string;
  port: number;
  bindAddress: string;
  /** --datastore-endpoint and its TLS files; none: the SQLite file in dataDir. */
  datastore: DatastoreFlags;
  /** The cluster's CA and keys, once the store is open (several servers on etcd share them through it). */
  pki: (store: Backend) => Promise<Pki>;
  serviceCIDR: string;
  watchCacheSize?: number;
  /** Bytes written for watch clients and not yet read by them, in all. */
  watchBudgetBytes?: number;
  auditLog?: string;
}

export interface ApiServerHandle {
  /** https://address:port, as the kubeconfig names it. */
  url: string;
  port: number;
  pki: Pki;
  /** The cluster admin's client certificate (system:masters). */
  admin: KeyPair;
  /** The join token agents present (<dataDir>/token). */
  joinToken: string;
  registry: Registry;
  /** Several API servers share the store (etcd). */
  shared: boolean;
  /** Components in this process reach the API through its handler, past TLS and HTTP. */
  connect: Connect;
  /** Listens on one more address, on the same port (the Pods' gateway). */
  listenAlso(address: string): Promise<void>;
  /** Whether /readyz says ready: set once the components it waits for have started. */
  ready: boolean;
  /** Closes the listeners, the registry's watches and the store. */
  stop(): Promise<void>;
}

function listen(s: ReturnType<typeof createApiServer>, port: number, address: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, address, () => resolve());
  });
}

export async function startApiServer(o: ApiServerStart): Promise<ApiServerHandle> {
  const backend = await openDatastore(o.datastore, o.dataDir);
  // Closed on every way out, a failed start included: SQLite then checkpoints and the WAL guard is
  // disarmed, where an exit with the database open would drop the WAL behind the guard's back.
  try {
    return await serve(o, backend);
  } catch (e) {
    await backend.close();
    throw e;
  }
}

async function serve(o: ApiServerStart, backend: Backend): Promise<ApiServerHandle> {
  const pkiDir = join(o.dataDir, 'pki');
  const pki = await o.pki(backend);
  const admin = await issueCertificate(pkiDir, 'admin', { cn: 'berth-admin', orgs: ['system:masters'] }, 'client');
  const joinToken = await ensureJoinToken(o.dataDir, pki.ca.cert);
  const apiKubeletClient = await issueCertificate(pkiDir, 'apiserver-kubelet-client', { cn: 'berth-apiserver-kubelet-client', orgs: ['system:masters'] }, 'client');
  const shared = backend.shared === true;
  // Read only when /metrics is rendered, by which time the registry exists.
  const metrics: ApiServerMetrics = new ApiServerMetrics(() => cacheGauges(registry));
  const registry: Registry = new Registry(measuredBackend(backend, metrics.storeLatency), { watchCacheSize: o.watchCacheSize, serviceCIDR: o.serviceCIDR, sharedStore: shared });
  await registry.start();
  const scraper = new SummaryScraper(apiKubeletClient, pki.ca.cert);
  const usage = new ResourceUsage({ nodes: async () => (await registry.core('nodes').list(undefined, {})).entries.map((e) => e.obj as Node), scrape: (n) => scraper.scrape(n) });
  const tokens = new ServiceAccountTokens(await TokenSigner.load(pkiDir, SERVICE_ACCOUNT_ISSUER), (resource, ns, name) => registry.core(resource).getEntry(ns, name)?.obj.metadata.uid);
  const audit = o.auditLog ? new AuditLog(o.auditLog) : undefined;
  const handle = { ready: false } as ApiServerHandle;
  const serverOptions: ApiServerOptions = {
    pki, registry, ready: () => handle.ready, kubeletProxy: new KubeletProxy(registry, apiKubeletClient, pki.ca.cert),
    watchBudget: new WatchBudget(o.watchBudgetBytes), metrics, metricsApi: new MetricsApi(registry, usage), tokens,
    bootstrapTokens: joinTokenAuthenticator(joinToken), ...(audit ? { audit } : {}),
  };
  const servers = [createApiServer(serverOptions)];
  const release = async (): Promise<void> => {
    for (const s of servers) {
      s.close();
      s.closeAllConnections();
    }
    registry.stop();
    scraper.close();
    await audit?.close();
  };
  let port = o.port;
  let url: string;
  try {
    await listen(servers[0]!, o.port, o.bindAddress);
    const addr = servers[0]!.address();
    if (typeof addr === 'object' && addr) port = addr.port;
    const host = o.bindAddress === '0.0.0.0' ? '127.0.0.1' : o.bindAddress;
    url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
    await writeKubeconfig(join(o.dataDir, 'kubeconfig.yaml'), kubeconfigYaml(url, pki.ca.cert, admin, 'admin'));
  } catch (e) {
    await release();
    throw e;
  }
  return Object.assign(handle, {
    url, port, pki, admin, joinToken, registry, shared,
    // Components in this process use the handler directly; their informers keep the watch caches' own objects.
    connect: inProcessConnect(createApiHandler(serverOptions), cachedObjects(registry)),
    listenAlso: async (address: string) => {
      const s = createApiServer(serverOptions);
      await listen(s, port, address);
      servers.push(s);
    },
    stop: async () => {
      await release();
      await backend.close();
    },
  });
}
