// A node's agent: the kubelet over the real runtime (runc + CNI + the OCI image store), its HTTPS
// endpoint for logs and exec, and its view of the cluster through the REST client.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyPair } from '../../apiserver/auth/certs.js';
import { Kubelet } from '../../kubelet/kubelet.js';
import { createKubeletServer } from '../../kubelet/server/server.js';
import { StatsProvider } from '../../kubelet/stats/summary.js';
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
  /** Serving certificate of the kubelet's own endpoint. */
  serving: KeyPair;
  nodeName: string;
  dataDir: string;
  podCIDR: string;
  kubeletPort: number;
  /** Called with the Pods' gateway address once the bridge has it, before any Pod starts. */
  onPodNetwork?: (gateway: string) => Promise<void>;
}

export async function startNodeAgent(o: NodeAgentOptions, signal: AbortSignal): Promise<void> {
  const images = new ImageStore({ root: join(o.dataDir, 'images') });
  const pauseRootfs = await makePauseRootfs(join(o.dataDir, 'pause'));
  // Names of the node's own bridge and cgroup, so other berth nodes on this host are never touched.
  const names = await hostNamesFor(o.dataDir);
  const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: o.podCIDR, bridge: names.bridge, stateDir: join(o.dataDir, 'cni') });
  await cni.checkHost();
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
  await kubelet.start(signal);
}
