// A node's agent: the kubelet over the real runtime (runc + CNI + the OCI image store), its HTTPS
// endpoint for logs and exec, its view of the cluster through the REST client, the node's Service
// proxy and NetworkPolicy enforcer (nftables), cluster DNS on the node's pod-bridge gateway, and the
// local-path provisioner making volumes as directories on the node's disk, and routes to the other
// nodes' Pods. startNode returns a handle whose stop() ends all of them but leaves the containers
// running: a node started again on the same data dir adopts them.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyPair } from '../../apiserver/auth/certs.js';
import { startNodeDNS } from '../../dns/node.js';
import { Kubelet } from '../../kubelet/kubelet.js';
import { CLUSTER_DOMAIN } from '../../kubelet/podFiles.js';
import { createKubeletServer } from '../../kubelet/server/server.js';
import { internalIPv4 } from '../../kubelet/nodeInfo.js';
import { StatsProvider } from '../../kubelet/stats/summary.js';
import { NetworkPolicyEnforcer } from '../../proxy/networkpolicy/enforcer.js';
import { Proxier } from '../../proxy/proxier.js';
import { LocalPathProvisioner } from '../../provisioner/localpath.js';
import { CniNetwork } from '../../runtime/cni/network.js';
import { hostNamesFor } from '../../runtime/host-names.js';
import { ImageStore } from '../../runtime/images/store.js';
import { makePauseRootfs } from '../../runtime/runc/pause.js';
import { RuncRuntime } from '../../runtime/runc/runtime.js';
import type { RestClient } from '../../client/rest.js';
import { Components, type CrashHandler } from '../components.js';
import { RestKubeletCluster } from './cluster.js';
import { HostGatewayRoutes } from './host-gw.js';
import type { PodNetwork } from './pod-network.js';
import { VxlanOverlay } from './vxlan.js';

export interface NodeAgentOptions {
  /** A client of the API server(s) for one of the node's identities. */
  connect: (identity: KeyPair, userAgent: string) => RestClient;
  /** The API servers' URLs, for a component reaching them from a thread of its own (cluster DNS). */
  apiServers: readonly string[];
  /** The cluster CA: who may call the kubelet's endpoint, and who signed the API servers' certificates. */
  ca: string;
  /** Client identity system:node:<name> in system:nodes. */
  identity: KeyPair;
  /** Client identity of the node's NetworkPolicy enforcer (reads Pods, Namespaces, NetworkPolicies). */
  networkPolicyIdentity: KeyPair;
  /** Serving certificate of the kubelet's own endpoint. */
  serving: KeyPair;
  /** Client identity of the node's Service proxy (system:kube-proxy). */
  proxyIdentity: KeyPair;
  /** Client identity of the node's cluster DNS (system:kube-dns). */
  dnsIdentity: KeyPair;
  /** Client identity of the node's local-path provisioner (volumes and claims, the local-path class). */
  storageIdentity: KeyPair;
  /** Nameservers for ClusterFirst Pods (the kubelet's --cluster-dns); the node's own DNS when not given. */
  clusterDNS?: string[];
  /** The host's resolver file: Pods' files start from it, and cluster DNS forwards to its nameservers. */
  resolvConf?: string;
  nodeName: string;
  dataDir: string;
  podCIDR: string;
  /** Every node's Pods (set when nodes route to each other): Pod traffic to it is not masqueraded. */
  clusterCIDR?: string;
  /** The address other nodes reach this one at (its Node's InternalIP); the first host address when not given. */
  nodeIP?: string;
  /** How this node reaches the other nodes' Pods (a node among several); not at all when not given. */
  podNetwork?: PodNetwork;
  kubeletPort: number;
  /** The node Lease's duration in seconds (the kubelet's default when not given). */
  leaseDurationSeconds?: number;
  /** Called with the Pods' gateway address once the bridge has it, before any Pod starts. */
  onPodNetwork?: (gateway: string) => Promise<void>;
}

export interface NodeHandle {
  /** Where the node's cluster DNS answers, when it runs. */
  dnsAddress?: string;
  /** Stops the kubelet and the node's other components; the containers keep running. */
  stop(): Promise<void>;
}

/** Starts the node; a component that fails later is reported to onCrash. */
export async function startNode(o: NodeAgentOptions, onCrash: CrashHandler): Promise<NodeHandle> {
  const components = new Components(onCrash);
  try {
    const dnsAddress = await startComponents(o, components);
    return { ...(dnsAddress ? { dnsAddress } : {}), stop: () => components.stop() };
  } catch (e) {
    await components.stop();
    throw e;
  }
}

async function startComponents(o: NodeAgentOptions, components: Components): Promise<string | undefined> {
  const signal = components.signal;
  const images = new ImageStore({ root: join(o.dataDir, 'images') });
  const pauseRootfs = await makePauseRootfs(join(o.dataDir, 'pause'));
  // Names of the node's own bridge and cgroup, so other berth nodes on this host are never touched.
  const names = await hostNamesFor(o.dataDir);
  const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: o.podCIDR, bridge: names.bridge, stateDir: join(o.dataDir, 'cni'), ...(o.clusterCIDR ? { clusterCIDR: o.clusterCIDR } : {}) });
  await cni.checkHost();
  const dnsAddress = await startClusterDNS(o, cni, components);
  const clusterDNS = o.clusterDNS ?? (dnsAddress ? [dnsAddress] : []);
  if (o.onPodNetwork) await o.onPodNetwork(await cni.ensureBridge());
  const runtime = new RuncRuntime({ root: join(o.dataDir, 'runtime'), rootfs: images, pauseRootfs, cni, cgroupRoot: names.cgroupRoot });
  const stats = new StatsProvider({ nodeName: o.nodeName, runtime });
  const kubeletServer = createKubeletServer({ runtime, stats, tls: { key: o.serving.key, cert: o.serving.cert, ca: o.ca } });
  await new Promise<void>((resolve, reject) => {
    kubeletServer.once('error', reject);
    kubeletServer.listen(o.kubeletPort, '0.0.0.0', () => resolve());
  });
  signal.addEventListener('abort', () => {
    kubeletServer.close();
    kubeletServer.closeAllConnections();
  }, { once: true });
  const addr = kubeletServer.address();
  const kubeletPort = typeof addr === 'object' && addr ? addr.port : o.kubeletPort;
  const client = o.connect(o.identity, `kubelet/berth (${o.nodeName})`);
  await mkdir(join(o.dataDir, 'kubelet'), { recursive: true });
  const kubelet = new Kubelet({
    nodeName: o.nodeName,
    cluster: new RestKubeletCluster(client, o.nodeName),
    runtime,
    images,
    dataDir: join(o.dataDir, 'kubelet'),
    podCIDR: o.podCIDR,
    ...(o.nodeIP ? { nodeIP: o.nodeIP } : {}),
    ...(o.leaseDurationSeconds ? { leaseDurationSeconds: o.leaseDurationSeconds } : {}),
    kubeletPort,
    clusterDNS,
    ...(o.resolvConf ? { resolvConf: o.resolvConf } : {}),
  });
  // Not awaited: Pods need not wait for policies to be listed; until then the last table holds.
  const enforcer = new NetworkPolicyEnforcer({ client: o.connect(o.networkPolicyIdentity, `berth-netpol/${o.nodeName}`), nodeName: o.nodeName, table: names.networkPolicyTable });
  components.run('network policy enforcer', enforcer.start(signal));
  if (o.podNetwork) components.run(`pod network (${o.podNetwork})`, startPodNetwork(o, signal));
  await kubelet.start(signal);
  const proxier = new Proxier({
    client: o.connect(o.proxyIdentity, `berth-proxy/${o.nodeName}`),
    nodeName: o.nodeName,
    nodeIPs: [o.nodeIP ?? internalIPv4()],
    podCIDR: o.podCIDR,
    table: names.proxyTable,
    log: (l) => void process.stderr.write(`proxy: ${l}\n`),
  });
  const provisioner = new LocalPathProvisioner({ client: o.connect(o.storageIdentity, `berth-local-path/${o.nodeName}`), nodeName: o.nodeName, root: join(o.dataDir, 'storage') });
  components.run('local-path provisioner', provisioner.start(signal));
  // Not awaited: Pods run while the Services' first sync waits for the API.
  components.run('service proxy', proxier.start(signal));
  return dnsAddress;
}

/** Reaches the other nodes' Pods until signal aborts. */
function startPodNetwork(o: NodeAgentOptions, signal: AbortSignal): Promise<void> {
  // The proxy's identity may read every Node (system:node-proxier); the node's own may read only itself.
  const watchClient = o.connect(o.proxyIdentity, `berth-routes/${o.nodeName}`);
  const log = (l: string): void => void process.stderr.write(`${o.podNetwork} ${o.nodeName}: ${l}\n`);
  if (o.podNetwork === 'host-gw') return new HostGatewayRoutes(watchClient, o.nodeName, log).start(signal);
  const nodeClient = o.connect(o.identity, `berth-vxlan/${o.nodeName}`);
  return new VxlanOverlay({ watchClient, nodeClient, nodeName: o.nodeName, nodeIP: o.nodeIP ?? internalIPv4(), log }).start(signal);
}

/**
 * Cluster DNS on the pod bridge's gateway, made now so it can listen before the first Pod; its address,
 * or none when it cannot be set up (Pods then get the host's resolv.conf).
 */
async function startClusterDNS(o: NodeAgentOptions, cni: CniNetwork, components: Components): Promise<string | undefined> {
  const log = (m: string): void => void process.stderr.write(`dns ${o.nodeName}: ${m}\n`);
  try {
    await cni.ensureBridge();
  } catch (e) {
    log(`no pod bridge to listen on, Pods use the host's resolvers: ${(e as Error).message}`);
    return undefined;
  }
  const dns = startNodeDNS({
    servers: o.apiServers, ca: o.ca, identity: o.dnsIdentity, userAgent: `berth-dns/${o.nodeName}`, address: cni.gateway, domain: CLUSTER_DOMAIN, log,
    ...(o.resolvConf ? { resolvConfPath: o.resolvConf } : {}),
  }, components.signal);
  // Not awaited: the kubelet starts while the informers list; a Pod is rarely quicker.
  components.run('cluster DNS', dns.then((d) => d.stopped));
  return cni.gateway;
}
