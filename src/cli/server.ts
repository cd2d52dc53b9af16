// `berth server`: the whole cluster on one machine: the API server on the embedded store, and the
// components that watch it.

import { chmod, mkdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePki, issueCertificate, signCertificateRequest } from '../apiserver/auth/certs.js';
import { KUBE_DNS_USER, KUBE_PROXY_USER, LOCAL_PATH_PROVISIONER_USER, NETWORK_POLICY_AGENT } from '../apiserver/auth/bootstrap-policy.js';
import { Registry } from '../apiserver/registry/index.js';
import { apiServiceIP, DEFAULT_SERVICE_CIDR, dnsServiceIP, parseServiceCIDR } from '../apiserver/registry/service-allocator.js';
import { apiServerAddress, keepKubernetesService } from '../apiserver/kubernetes-service.js';
import { ApiServerLeases } from '../apiserver/apiserver-leases.js';
import { createApiHandler, createApiServer } from '../apiserver/server.js';
import { cachedObjects } from '../apiserver/in-process-transport.js';
import { AuditLog } from '../apiserver/audit.js';
import { WatchBudget } from '../apiserver/handlers/watch-budget.js';
import { parseQuantity, quantityValue } from '../api/quantity.js';
import type { Backend } from '../store/types.js';
import { KubeletProxy } from '../apiserver/proxy/kubelet.js';
import { cacheGauges } from '../apiserver/metrics/endpoint.js';
import { MetricsApi } from '../apiserver/metrics/metrics-api.js';
import { ApiServerMetrics } from '../apiserver/metrics/request-metrics.js';
import { ResourceUsage } from '../apiserver/metrics/resource-usage.js';
import { measuredBackend } from '../apiserver/metrics/store-metrics.js';
import { SummaryScraper } from '../apiserver/metrics/summaries.js';
import { ServiceAccountTokens } from '../apiserver/auth/token-authenticator.js';
import { TokenSigner } from '../apiserver/auth/token-signer.js';
import type { Node } from '../api/types.js';
import { startNode, type NodeHandle } from './agent/node.js';
import { Components, failLoudly } from './components.js';
import { ensureJoinToken, joinTokenAuthenticator } from './join-token.js';
import { DEFAULT_CLUSTER_CIDR } from '../controllers/nodeipam.js';
import { inProcessConnect, startControlPlane } from './controlplane.js';
import { keepKubeDnsService } from '../dns/kubeDnsService.js';
import { gatewayOf, parseCidr } from '../runtime/cni/cidr.js';
import { parseDuration } from './duration.js';
import { kubeconfigYaml, writeKubeconfig } from './kubeconfig.js';
import { DATASTORE_HELP, openDatastore } from './datastore.js';
import { shareClusterSecrets } from './cluster-secrets.js';
import { LEADER_ELECT_HELP, LEADER_ELECT_OPTIONS, leaderElectionFrom } from './leader-elect-flags.js';

const HELP = `Usage: berth server [flags]

Runs a single-node cluster: the Kubernetes API over HTTPS on an embedded SQLite store (or an etcd
cluster, with --datastore-endpoint), and (unless --disable-agent) a kubelet and a Service proxy
(nftables) for this machine.

Flags:
  --data-dir DIR        where state, certificates and kubeconfig.yaml live (default /var/lib/berth as root)
  --port N              HTTPS port (default 6443)
  --bind-address IP     address to listen on (default 127.0.0.1)
  --disable-agent       run the control plane only, no kubelet or Service proxy on this machine
  --watch-cache-size N  events kept per resource for watches resuming from a resourceVersion (default 10000)
  --watch-memory-budget BYTES
                        events written for watch clients and not yet read by them, in all, e.g. 256Mi
                        (default); past it the slowest watches are closed (410) and their clients relist
  --node-name NAME      this machine's node name (default: the hostname)
  --pod-cidr CIDR       addresses for this node's Pods (default 10.88.0.0/16)
  --cluster-cidr CIDR   where nodes joining with \`berth agent\` get their pod CIDRs, a /24 each
                        (default ${DEFAULT_CLUSTER_CIDR})
  --service-cidr CIDR   cluster IPs of Services (default 10.43.0.0/16; the first is the kubernetes
                        Service's, the tenth cluster DNS's)
  --cluster-dns IP[,IP]
                        nameservers of ClusterFirst Pods (default: the node's own cluster DNS, on
                        its pod bridge's gateway, e.g. 10.88.0.1)
  --resolv-conf FILE    the host's resolver file: Pods' resolv.conf starts from it and cluster DNS
                        forwards other names to its nameservers (default /etc/resolv.conf)
  --kubelet-port N      the kubelet's HTTPS port for logs and exec (default 10250; 0 picks a free one)
  --node-monitor-grace-period D
                        silence after which a node is Unknown, e.g. 40s (default 40s)
  --pod-gc-quarantine D how long a Pod's node must stay missing before pod GC deletes the Pod
                        (default 40s, as upstream)
  --audit-log PATH      record every request as one JSON line (audit.k8s.io/v1 Event, Metadata level)
  --disable-controllers LIST
                        controllers not to run, comma-separated (job, cronjob): for tests that run their
                        own with a fake clock
${DATASTORE_HELP}${LEADER_ELECT_HELP}  -h, --help            show this help
`;

/** The kubernetes Service's ClusterIP: the first address of the default Service CIDR, 10.43.0.0/16. */

/** The issuer (and the API server's audience) of service-account tokens, as kubeadm sets it. */
const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export function defaultDataDir(): string {
  return process.getuid?.() === 0 ? '/var/lib/berth' : join(process.env.HOME ?? '.', '.berth');
}

function bytesFlag(name: string, text: string): number {
  let n = NaN;
  try {
    n = quantityValue(parseQuantity(text));
  } catch {
    // reported below
  }
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name}: invalid size ${text}: want a positive number of bytes, e.g. 256Mi`);
  return n;
}

function clusterDNSFlag(text: string): string[] {
  const ips = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = ips.find((ip) => !isIP(ip));
  if (bad !== undefined || ips.length === 0) throw new Error(`--cluster-dns: ${bad ?? text} is not an IP address`);
  return ips;
}

export async function serverCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '6443' },
      'bind-address': { type: 'string', default: '127.0.0.1' },
      'disable-agent': { type: 'boolean', default: false },
      'watch-cache-size': { type: 'string', default: '10000' },
      'watch-memory-budget': { type: 'string', default: '256Mi' },
      'node-name': { type: 'string' },
      'pod-cidr': { type: 'string', default: '10.88.0.0/16' },
      'cluster-cidr': { type: 'string', default: DEFAULT_CLUSTER_CIDR },
      'service-cidr': { type: 'string', default: DEFAULT_SERVICE_CIDR },
      'cluster-dns': { type: 'string' },
      'resolv-conf': { type: 'string' },
      'kubelet-port': { type: 'string', default: '10250' },
      'node-monitor-grace-period': { type: 'string', default: '40s' },
      'pod-gc-quarantine': { type: 'string', default: '40s' },
      'disable-controllers': { type: 'string', default: '' },
      'datastore-endpoint': { type: 'string' },
      'datastore-cafile': { type: 'string' },
      'datastore-certfile': { type: 'string' },
      'datastore-keyfile': { type: 'string' },
      'audit-log': { type: 'string' },
      token: { type: 'string' },
      ...LEADER_ELECT_OPTIONS,
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: invalid port ${values.port}`);
  const bind = values['bind-address']!;
  const serviceCIDR = parseServiceCIDR(values['service-cidr']!).text;
  const clusterDNS = values['cluster-dns'] === undefined ? undefined : clusterDNSFlag(values['cluster-dns']);
  const leaderElection = leaderElectionFrom(values);
  const watchBudgetBytes = bytesFlag('--watch-memory-budget', values['watch-memory-budget']!);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory as it was; keys, state and image layers are root's alone.
  await chmod(dataDir, 0o700);

  const pkiDir = join(dataDir, 'pki');
  // Pods reach the API server on their gateway (this node's bridge), or through the kubernetes Service.
  const podCIDR = parseCidr(values['pod-cidr']!);
  if (!parseCidr(values['cluster-cidr']!)) throw new Error(`--cluster-cidr: ${values['cluster-cidr']} is not an IPv4 CIDR such as 10.42.0.0/16`);
  const podGateway = values['disable-agent'] || !podCIDR ? undefined : gatewayOf(podCIDR);
  const inClusterIPs = [apiServiceIP(serviceCIDR), ...(podGateway ? [podGateway] : [])];
  if (values.token !== undefined && values['datastore-endpoint'] === undefined) throw new Error('--token joins a cluster through its datastore: give --datastore-endpoint too');
  const backend = await openDatastore(values, dataDir);
  // Closed on every way out, a failed start included: SQLite then checkpoints and the WAL guard is
  // disarmed, where an exit with the database open would drop the WAL behind the guard's back.
  try {
    return await serve(backend);
  } finally {
    await backend.close();
  }

  async function serve(backend: Backend): Promise<number> {
    const makePki = () => ensurePki(pkiDir, [hostname()], [bind === '0.0.0.0' ? '127.0.0.1' : bind, ...inClusterIPs]);
    // On a shared datastore every server takes the same CA and signing keys from it.
    const pki = values['datastore-endpoint'] === undefined ? await makePki() : await shareClusterSecrets(backend, { pkiDir, dataDir, token: values.token }, makePki);
    const admin = await issueCertificate(pkiDir, 'admin', { cn: 'berth-admin', orgs: ['system:masters'] }, 'client');
    // What `berth agent --token` presents: nodes join with it.
    const joinToken = await ensureJoinToken(dataDir, pki.ca.cert);

    const nodeName = (values['node-name'] ?? hostname()).toLowerCase();
    const apiKubeletClient = await issueCertificate(pkiDir, 'apiserver-kubelet-client', { cn: 'berth-apiserver-kubelet-client', orgs: ['system:masters'] }, 'client');
    // Read only when /metrics is rendered, by which time the registry exists.
    const metrics: ApiServerMetrics = new ApiServerMetrics(() => cacheGauges(registry));
    const registry: Registry = new Registry(measuredBackend(backend, metrics.storeLatency), { watchCacheSize: Number(values['watch-cache-size']), serviceCIDR, sharedStore: values['datastore-endpoint'] !== undefined });
    await registry.start();
    let ready = false;
    const kubeletProxy = new KubeletProxy(registry, apiKubeletClient, pki.ca.cert);
    const scraper = new SummaryScraper(apiKubeletClient, pki.ca.cert);
    const usage = new ResourceUsage({ nodes: async () => (await registry.core('nodes').list(undefined, {})).entries.map((e) => e.obj as Node), scrape: (n) => scraper.scrape(n) });
    const metricsApi = new MetricsApi(registry, usage);
    const tokens = new ServiceAccountTokens(await TokenSigner.load(pkiDir, SERVICE_ACCOUNT_ISSUER), (resource, ns, name) => registry.core(resource).getEntry(ns, name)?.obj.metadata.uid);
    const audit = values['audit-log'] ? new AuditLog(values['audit-log']) : undefined;
    const serverOptions = { pki, registry, ready: () => ready, kubeletProxy, watchBudget: new WatchBudget(watchBudgetBytes), metrics, metricsApi, tokens, bootstrapTokens: joinTokenAuthenticator(joinToken), ...(audit ? { audit } : {}) };
    const server = createApiServer(serverOptions);
    const listen = (s: typeof server, p: number, address: string): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(p, address, () => resolve());
      });
    await listen(server, port, bind);
    const servers = [server];
    const addr = server.address();
    const actualPort = typeof addr === 'object' && addr ? addr.port : port;
    const host = bind === '0.0.0.0' ? '127.0.0.1' : bind;
    const url = `https://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    await writeKubeconfig(join(dataDir, 'kubeconfig.yaml'), kubeconfigYaml(url, pki.ca.cert, admin, 'admin'));
    // The components in this process reach the API through its handler, skipping TLS and HTTP.
    // Their informers keep the watch caches' own objects rather than copies.
    const connect = inProcessConnect(createApiHandler(serverOptions), cachedObjects(registry));
    // A component that crashes ends the server (non-zero), after the others are stopped in order.
    let crashed!: (e: Error) => void;
    const crash = new Promise<never>((_, reject) => (crashed = reject));
    crash.catch(() => undefined);
    const onCrash = failLoudly('server', crashed);
    const components = new Components(onCrash);
    const self = { address: podGateway ?? apiServerAddress(bind), port: actualPort };
    // On a shared store the endpoints list every live API server, each known by its Lease.
    const peers = values['datastore-endpoint'] === undefined ? undefined : new ApiServerLeases(registry, self);
    keepKubernetesService(registry, self, components.signal, (e) => {
      process.stderr.write(`berth server: the kubernetes Service: ${e instanceof Error ? e.message : String(e)}\n`);
    }, peers);
    const controlPlane = startControlPlane({ server: url, ca: pki.ca.cert, identity: admin, nodeMonitorGracePeriodMs: parseDuration(values['node-monitor-grace-period']!), podGCQuarantineMs: parseDuration(values['pod-gc-quarantine']!), disabledControllers: values['disable-controllers']!.split(',').filter(Boolean), signer: (pem, o) => signCertificateRequest(pkiDir, pem, o), clusterCIDR: values['cluster-cidr']!, connect, ...(leaderElection ? { leaderElection } : {}) }, onCrash);
    let node: NodeHandle | undefined;
    if (!values['disable-agent']) {
      const identity = await issueCertificate(pkiDir, `node-${nodeName}`, { cn: `system:node:${nodeName}`, orgs: ['system:nodes'] }, 'client');
      const serving = await issueCertificate(pkiDir, `kubelet-${nodeName}`, { cn: nodeName }, 'server', [`DNS:${nodeName}`, 'IP:127.0.0.1']);
      const networkPolicyIdentity = await issueCertificate(pkiDir, 'network-policy-agent', { cn: NETWORK_POLICY_AGENT }, 'client');
      const proxyIdentity = await issueCertificate(pkiDir, 'kube-proxy', { cn: KUBE_PROXY_USER }, 'client');
      const dnsIdentity = await issueCertificate(pkiDir, 'kube-dns', { cn: KUBE_DNS_USER, orgs: [] }, 'client');
      const storageIdentity = await issueCertificate(pkiDir, 'local-path-provisioner', { cn: LOCAL_PATH_PROVISIONER_USER }, 'client');
      // The API server also listens on the Pods' gateway, which only this host and its Pods reach: Pods
      // get the API without it listening anywhere --bind-address does not say (0.0.0.0 covers it already).
      const onPodNetwork = async (gateway: string): Promise<void> => {
        if (bind === '0.0.0.0' || bind === '::' || bind === gateway) return;
        const inCluster = createApiServer(serverOptions);
        await listen(inCluster, actualPort, gateway);
        servers.push(inCluster);
      };
      node = await startNode({
        connect, ca: pki.ca.cert, identity, serving, proxyIdentity, networkPolicyIdentity, dnsIdentity, storageIdentity, nodeName, dataDir, podCIDR: values['pod-cidr']!, kubeletPort: Number(values['kubelet-port']),
        onPodNetwork,
        ...(clusterDNS ? { clusterDNS } : {}),
        ...(values['resolv-conf'] ? { resolvConf: values['resolv-conf'] } : {}),
      }, onCrash);
      if (node.dnsAddress) {
        keepKubeDnsService(connect(admin, 'berth-server'), { clusterIP: dnsServiceIP(serviceCIDR), address: node.dnsAddress, nodeName }, components.signal, (e) => {
          process.stderr.write(`berth server: the kube-dns Service: ${e instanceof Error ? e.message : String(e)}\n`);
        });
      }
    }
    ready = true;
    process.stderr.write(`berth server: listening on ${url}; kubeconfig at ${join(dataDir, 'kubeconfig.yaml')}; nodes join with the token in ${join(dataDir, 'token')}\n`);

    const stopped = new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    let failure: unknown;
    await Promise.race([stopped, crash]).catch((e: unknown) => (failure = e));
    ready = false;
    // In order: the kubelet (its containers keep running), the scheduler and controllers with their
    // informers, the server's own keepers, then the API server and its store (closed by the caller).
    await node?.stop();
    await controlPlane.stop();
    await components.stop();
    for (const s of servers) {
      s.close();
      s.closeAllConnections();
    }
    registry.stop();
    scraper.close();
    await audit?.close();
    if (failure) throw failure;
    return 0;
  }
}
