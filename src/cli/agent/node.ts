// A node's agent: the kubelet over the real runtime (runc + CNI + the OCI image store), its HTTPS
// endpoint for logs and exec, its view of the cluster through the REST client, and the node's Service
// proxy (nftables).

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyPair } from '../../apiserver/auth/certs.js';
import { Kubelet } from '../../kubelet/kubelet.js';
import { createKubeletServer } from '../../kubelet/server/server.js';
import { internalIPv4 } from '../../kubelet/nodeInfo.js';
import { StatsProvider } from '../../kubelet/stats/summary.js';
import { NetworkPolicyEnforcer } from '../../proxy/networkpolicy/enforcer.js';
import { Proxier } from '../../proxy/proxier.js';
import { CniNetwork } from '../../runtime/cni/network.js';
import { hostNamesFor } from '../../runtime/host-names.js';
import { ImageStore } from '../../runtime/images/store.js';
import { makePauseRootfs } from '../../runtime/runc/pause.js';
import { RuncRuntime } from '../../runtime/runc/runtime.js';
import { clientFor } from '../controlplane.js';
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
  nodeName: string;
  dataDir: string;
  podCIDR: string;
  kubeletPort: number;
}

export async function startNodeAgent(o: NodeAgentOptions, signal: AbortSignal): Promise<void> {
  const images = new ImageStore({ root: join(o.dataDir, 'images') });
  const pauseRootfs = await makePauseRootfs(join(o.dataDir, 'pause'));
  // Names of the node's own bridge and cgroup, so other berth nodes on this host are never touched.
  const names = await hostNamesFor(o.dataDir);
  const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: o.podCIDR, bridge: names.bridge, stateDir: join(o.dataDir, 'cni') });
  await cni.checkHost();
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
  const client = clientFor(o.server, o.ca, o.identity, `berth-kubelet/${o.nodeName}`);
  await mkdir(join(o.dataDir, 'kubelet'), { recursive: true });
  const kubelet = new Kubelet({
    nodeName: o.nodeName,
    cluster: new RestKubeletCluster(client, o.nodeName),
    runtime,
    images,
    dataDir: join(o.dataDir, 'kubelet'),
    podCIDR: o.podCIDR,
    kubeletPort,
  });
  // Not awaited: Pods need not wait for policies to be listed; until then the last table holds.
  const enforcer = new NetworkPolicyEnforcer({ client: clientFor(o.server, o.ca, o.networkPolicyIdentity, `berth-netpol/${o.nodeName}`), nodeName: o.nodeName, table: names.networkPolicyTable });
  enforcer.start(signal).catch((e: unknown) => console.error(`network policy ${o.nodeName}: ${(e as Error).message}`));
  await kubelet.start(signal);
  const proxier = new Proxier({
    client: clientFor(o.server, o.ca, o.proxyIdentity, `berth-proxy/${o.nodeName}`),
    nodeName: o.nodeName,
    nodeIPs: [internalIPv4()],
    podCIDR: o.podCIDR,
    table: names.proxyTable,
    log: (l) => void process.stderr.write(`proxy: ${l}\n`),
  });
  // Not awaited: Pods run while the Services' first sync waits for the API.
  void proxier.start(signal).catch((e: unknown) => process.stderr.write(`proxy stopped: ${(e as Error).message}\n`));
}
