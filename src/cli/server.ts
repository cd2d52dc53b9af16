// `berth server`: the whole cluster on one machine: the API server on the embedded store, and the
// components that watch it.

import { chmod, mkdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePki, issueCertificate, signCertificateRequest } from '../apiserver/auth/certs.js';
import { KUBE_DNS_USER, KUBE_PROXY_USER, LOCAL_PATH_PROVISIONER_USER, NETWORK_POLICY_AGENT } from '../apiserver/auth/bootstrap-policy.js';
import { apiServiceIP, DEFAULT_SERVICE_CIDR, dnsServiceIP, parseServiceCIDR } from '../apiserver/registry/service-allocator.js';
import { apiServerAddress, keepKubernetesService } from '../apiserver/kubernetes-service.js';
import { ApiServerLeases } from '../apiserver/apiserver-leases.js';
import { parseQuantity, quantityValue } from '../api/quantity.js';
import { startNode, type NodeHandle } from './agent/node.js';
import { Components, failLoudly } from './components.js';
import { DEFAULT_CLUSTER_CIDR } from '../controllers/nodeipam.js';
import { startControlPlane } from './controlplane.js';
import { startApiServer, type ApiServerHandle } from './apiserver.js';
import { keepKubeDnsService } from '../dns/kubeDnsService.js';
import { startNodeDNS } from '../dns/node.js';
import { CLUSTER_DOMAIN } from '../kubelet/podFiles.js';
import { gatewayOf, parseCidr } from '../runtime/cni/cidr.js';
import { parseDuration } from './duration.js';
import { defaultDataDir } from './data-dir.js';
import { DATASTORE_HELP } from './datastore.js';
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
  --dns-address IP:PORT with --disable-agent: answer cluster DNS there (PORT 0 picks a free one; a
                        node's cluster DNS answers on its pod bridge's gateway, port 53)
  --resolv-conf FILE    the host's resolver file: Pods' resolv.conf starts from it and cluster DNS
                        forwards other names to its nameservers (default /etc/resolv.conf)
  --kubelet-port N      the kubelet's HTTPS port for logs and exec (default 10250; 0 picks a free one)
  --node-monitor-grace-period D
                        silence after which a node is Unknown, e.g. 40s (default 40s)
  --pod-gc-quarantine D how long a Pod's node must stay missing before pod GC deletes the Pod
                        (default 40s, as upstream)
  --audit-log PATH      record every request as one JSON line (audit.k8s.io/v1 Event, Metadata level)
  --tls-san NAME|IP     another host name or address in the API server's certificate, for agents and
                        clients reaching it by a name it does not have itself; repeat, or comma-separate
  --cluster-signing-duration D
                        longest life of a certificate issued through a CertificateSigningRequest (the
                        nodes'), e.g. 720h (default 8760h, as kube-controller-manager)
  --disable-controllers LIST
                        controllers not to run, comma-separated (job, cronjob): for tests that run their
                        own with a fake clock
${DATASTORE_HELP}${LEADER_ELECT_HELP}  -h, --help            show this help
`;

export { defaultDataDir } from './data-dir.js';

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

/** --dns-address IP:PORT ([IPv6]:PORT): only for a server without its agent, whose node's DNS has its own address. */
function dnsAddressFlag(text: string, disableAgent: boolean): { host: string; port: number } {
  if (!disableAgent) throw new Error('--dns-address: only with --disable-agent (a node\'s cluster DNS answers on its pod bridge\'s gateway)');
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(text);
  const port = Number(m?.[2]);
  if (!m || !isIP(m[1]!) || port > 65535) throw new Error(`--dns-address: ${JSON.stringify(text)} is not IP:PORT, e.g. 127.0.0.1:5353`);
  return { host: m[1]!, port };
}

/** --tls-san values: host names and addresses, each flag possibly a comma-separated list (as k3s). */
function tlsSanFlag(values: readonly string[]): { names: string[]; ips: string[] } {
  const all = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const bad = all.find((s) => !isIP(s) && !/^(?=.{1,253}$)(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/i.test(s));
  if (bad !== undefined) throw new Error(`--tls-san: ${JSON.stringify(bad)} is neither a DNS name nor an IP address`);
  return { names: all.filter((s) => !isIP(s)), ips: all.filter((s) => isIP(s)) };
}

function signingDurationFlag(text: string): number {
  let ms = NaN;
  try {
    ms = parseDuration(text);
  } catch {
    // reported below
  }
  if (!(ms >= 1000)) throw new Error(`--cluster-signing-duration: invalid duration ${JSON.stringify(text)}: want at least 1s, e.g. 720h`);
  return Math.floor(ms / 1000);
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
      'dns-address': { type: 'string' },
      'kubelet-port': { type: 'string', default: '10250' },
      'node-monitor-grace-period': { type: 'string', default: '40s' },
      'pod-gc-quarantine': { type: 'string', default: '40s' },
      'disable-controllers': { type: 'string', default: '' },
      'datastore-endpoint': { type: 'string' },
      'datastore-cafile': { type: 'string' },
      'datastore-certfile': { type: 'string' },
      'datastore-keyfile': { type: 'string' },
      'audit-log': { type: 'string' },
      'tls-san': { type: 'string', multiple: true, default: [] },
      'cluster-signing-duration': { type: 'string', default: '8760h' },
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
  const dnsAddress = values['dns-address'] === undefined ? undefined : dnsAddressFlag(values['dns-address'], values['disable-agent']!);
  const leaderElection = leaderElectionFrom(values);
  const watchBudgetBytes = bytesFlag('--watch-memory-budget', values['watch-memory-budget']!);
  const tlsSans = tlsSanFlag(values['tls-san']!);
  const signingSeconds = signingDurationFlag(values['cluster-signing-duration']!);
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
  const makePki = () => ensurePki(pkiDir, [hostname(), ...tlsSans.names], [bind === '0.0.0.0' ? '127.0.0.1' : bind, ...inClusterIPs, ...tlsSans.ips]);
  const api = await startApiServer({
    dataDir, port, bindAddress: bind, datastore: values, serviceCIDR, watchCacheSize: Number(values['watch-cache-size']), watchBudgetBytes,
    ...(values['audit-log'] ? { auditLog: values['audit-log'] } : {}),
    // On a shared datastore every server takes the same CA and signing keys from it.
    pki: (store) => (values['datastore-endpoint'] === undefined ? makePki() : shareClusterSecrets(store, { pkiDir, dataDir, token: values.token }, makePki)),
  });
  try {
    return await serve(api);
  } finally {
    await api.stop();
  }

  async function serve(api: ApiServerHandle): Promise<number> {
    const { registry, pki, admin, url, connect } = api;
    const nodeName = (values['node-name'] ?? hostname()).toLowerCase();
    // A component that crashes ends the server (non-zero), after the others are stopped in order.
    let crashed!: (e: Error) => void;
    const crash = new Promise<never>((_, reject) => (crashed = reject));
    crash.catch(() => undefined);
    const onCrash = failLoudly('server', crashed);
    const components = new Components(onCrash);
    const self = { address: podGateway ?? apiServerAddress(bind), port: api.port };
    // On a shared store the endpoints list every live API server, each known by its Lease.
    const peers = api.shared ? new ApiServerLeases(registry, self) : undefined;
    keepKubernetesService(registry, self, components.signal, (e) => {
      process.stderr.write(`berth server: the kubernetes Service: ${e instanceof Error ? e.message : String(e)}\n`);
    }, peers);
    const controlPlane = startControlPlane({ server: url, ca: pki.ca.cert, identity: admin, nodeMonitorGracePeriodMs: parseDuration(values['node-monitor-grace-period']!), podGCQuarantineMs: parseDuration(values['pod-gc-quarantine']!), disabledControllers: values['disable-controllers']!.split(',').filter(Boolean), signer: (pem, o) => signCertificateRequest(pkiDir, pem, { ...o, ttlSeconds: Math.min(o.ttlSeconds, signingSeconds) }), clusterCIDR: values['cluster-cidr']!, connect, ...(leaderElection ? { leaderElection } : {}) }, onCrash);
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
        await api.listenAlso(gateway);
      };
      node = await startNode({
        connect, apiServers: [url], ca: pki.ca.cert, identity, serving, proxyIdentity, networkPolicyIdentity, dnsIdentity, storageIdentity, nodeName, dataDir, podCIDR: values['pod-cidr']!, kubeletPort: Number(values['kubelet-port']),
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
    if (dnsAddress) {
      const dnsIdentity = await issueCertificate(pkiDir, 'kube-dns', { cn: KUBE_DNS_USER, orgs: [] }, 'client');
      const log = (m: string): void => void process.stderr.write(`dns: ${m}\n`);
      const dns = await startNodeDNS({
        servers: [url], ca: pki.ca.cert, identity: dnsIdentity, userAgent: 'berth-dns', address: dnsAddress.host, port: dnsAddress.port, domain: CLUSTER_DOMAIN, log,
        ...(values['resolv-conf'] ? { resolvConfPath: values['resolv-conf'] } : {}),
      }, components.signal);
      components.run('cluster DNS', dns.stopped);
      process.stderr.write(`berth server: cluster DNS answering on ${dnsAddress.host}:${dns.port}\n`);
    }
    api.ready = true;
    process.stderr.write(`berth server: listening on ${url}; kubeconfig at ${join(dataDir, 'kubeconfig.yaml')}; nodes join with the token in ${join(dataDir, 'token')}\n`);

    const stopped = new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    let failure: unknown;
    await Promise.race([stopped, crash]).catch((e: unknown) => (failure = e));
    api.ready = false;
    // In order: the kubelet (its containers keep running), the scheduler and controllers with their
    // informers, the server's own keepers, then the API server and its store (stopped by the caller).
    await node?.stop();
    await controlPlane.stop();
    await components.stop();
    if (failure) throw failure;
    return 0;
  }
}
