// A node's agent: the kubelet over the real runtime (runc + CNI + the OCI image store), its HTTPS
// endpoint for logs and exec, its view of the cluster through the REST client, the node's Service
// proxy and NetworkPolicy enforcer (nftables), cluster DNS on the node's pod-bridge gateway, and the
// local-path provisioner making volumes as directories on the node's disk.

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
import { httpsConnect, type Connect } from '../controlplane.js';
import { RestKubeletCluster } from './cluster.js';

export interface NodeAgentOptions {
  server: string;
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
  kubeletPort: number;
  /** Called with the Pods' gateway address once the bridge has it, before any Pod starts. */
  onPodNetwork?: (gateway: string) => Promise<void>;
  /** How the node's components reach the API (default: HTTPS to `server`; in-process inside `berth server`). */
  connect?: Connect;
}

function connectOf(o: NodeAgentOptions): Connect {
  return o.connect ?? httpsConnect(o.server, o.ca);
}

/** Starts the node; returns where its cluster DNS answers, when it runs. */
export async function startNodeAgent(o: NodeAgentOptions, signal: AbortSignal): Promise<{ dnsAddress?: string }> {
  const images = new ImageStore({ root: join(o.dataDir, 'images') });
  const pauseRootfs = await makePauseRootfs(join(o.dataDir, 'pause'));
  // Names of the node's own bridge and cgroup, so other berth nodes on this host are never touched.
  const names = await hostNamesFor(o.dataDir);
  const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: o.podCIDR, bridge: names.bridge, stateDir: join(o.dataDir, 'cni') });
  await cni.checkHost();
  const dnsAddress = await startClusterDNS(o, cni, signal);
  const clusterDNS = o.clusterDNS ?? (dnsAddress ? [dnsAddress] : []);
  if (o.onPodNetwork) await o.onPodNetwork(await cni.ensureBridge());
  const runtime = new RuncRuntime({ root: join(o.dataDir, 'runtime'), rootfs: images, pauseRootfs, cni, cgroupRoot: names.cgroupRoot });
  const stats = new StatsProvider({ nodeName: o.nodeName, runtime });
  const kubeletServer = createKubeletServer({ runtime, stats, tls: { key: o.serving.key, cert: o.serving.cert, ca: o.ca } });
  await new Promise<void>((resolve, reject) => {
    kubeletServer.once('error', reject);
    kubeletServer.listen(o.kubeletPort, '0.0.0.0', () => resolve());
  });
  signal.addEventListener('abort', () => kubeletServer.close(), { once: true });
  const addr = kubeletServer.address();
  const kubeletPort = typeof addr === 'object' && addr ? addr.port : o.kubeletPort;
  const client = connectOf(o)(o.identity, `kubelet/berth (${o.nodeName})`);
  await mkdir(join(o.dataDir, 'kubelet'), { recursive: true });
  const kubelet = new Kubelet({
    nodeName: o.nodeName,
    cluster: new RestKubeletCluster(client, o.nodeName),
    runtime,
    images,
    dataDir: join(o.dataDir, 'kubelet'),
    podCIDR: o.podCIDR,
    kubeletPort,
    clusterDNS,
    ...(o.resolvConf ? { resolvConf: o.resolvConf } : {}),
  });
  // Not awaited: Pods need not wait for policies to be listed; until then the last table holds.
  const enforcer = new NetworkPolicyEnforcer({ client: connectOf(o)(o.networkPolicyIdentity, `berth-netpol/${o.nodeName}`), nodeName: o.nodeName, table: names.networkPolicyTable });
  enforcer.start(signal).catch((e: unknown) => console.error(`network policy ${o.nodeName}: ${(e as Error).message}`));
  await kubelet.start(signal);
  const proxier = new Proxier({
    client: connectOf(o)(o.proxyIdentity, `berth-proxy/${o.nodeName}`),
    nodeName: o.nodeName,
    nodeIPs: [internalIPv4()],
    podCIDR: o.podCIDR,
    table: names.proxyTable,
    log: (l) => void process.stderr.write(`proxy: ${l}\n`),
  });
  const provisioner = new LocalPathProvisioner({ client: connectOf(o)(o.storageIdentity, `berth-local-path/${o.nodeName}`), nodeName: o.nodeName, root: join(o.dataDir, 'storage') });
  provisioner.start(signal).catch((e: unknown) => process.stderr.write(`local-path provisioner stopped: ${(e as Error).message}\n`));
  // Not awaited: Pods run while the Services' first sync waits for the API.
  void proxier.start(signal).catch((e: unknown) => process.stderr.write(`proxy stopped: ${(e as Error).message}\n`));
  return dnsAddress ? { dnsAddress } : {};
}

/**
 * Cluster DNS on the pod bridge's gateway, made now so it can listen before the first Pod; its address,
 * or none when it cannot be set up (Pods then get the host's resolv.conf).
 */
async function startClusterDNS(o: NodeAgentOptions, cni: CniNetwork, signal: AbortSignal): Promise<string | undefined> {
  const log = (m: string): void => void process.stderr.write(`dns ${o.nodeName}: ${m}\n`);
  try {
    await cni.ensureBridge();
  } catch (e) {
    log(`no pod bridge to listen on, Pods use the host's resolvers: ${(e as Error).message}`);
    return undefined;
  }
  const client = connectOf(o)(o.dnsIdentity, `berth-dns/${o.nodeName}`);
  // Not awaited: the kubelet starts while the informers list; a Pod is rarely quicker.
  startNodeDNS({ client, address: cni.gateway, domain: CLUSTER_DOMAIN, log, ...(o.resolvConf ? { resolvConfPath: o.resolvConf } : {}) }, signal).catch((e: unknown) => log(`stopped: ${(e as Error).message}`));
  return cni.gateway;
}
