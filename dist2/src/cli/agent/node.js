// A node's agent: the kubelet over the real runtime (runc + CNI + the OCI image store), its HTTPS
// endpoint for logs and exec, its view of the cluster through the REST client, the node's Service
// proxy and NetworkPolicy enforcer (nftables), cluster DNS on the node's pod-bridge gateway, and the
// local-path provisioner making volumes as directories on the node's disk, and routes to the other
// nodes' Pods. startNode returns a handle whose stop() ends all of them but leaves the containers
// running: a node started again on the same data dir adopts them.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
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
import { Components } from '../components.js';
import { RestKubeletCluster } from './cluster.js';
import { HostGatewayRoutes } from './host-gw.js';
/** Starts the node; a component that fails later is reported to onCrash. */
export async function startNode(o, onCrash) {
    const components = new Components(onCrash);
    try {
        const dnsAddress = await startComponents(o, components);
        return { ...(dnsAddress ? { dnsAddress } : {}), stop: () => components.stop() };
    }
    catch (e) {
        await components.stop();
        throw e;
    }
}
async function startComponents(o, components) {
    const signal = components.signal;
    const images = new ImageStore({ root: join(o.dataDir, 'images') });
    const pauseRootfs = await makePauseRootfs(join(o.dataDir, 'pause'));
    // Names of the node's own bridge and cgroup, so other berth nodes on this host are never touched.
    const names = await hostNamesFor(o.dataDir);
    const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: o.podCIDR, bridge: names.bridge, stateDir: join(o.dataDir, 'cni'), ...(o.clusterCIDR ? { clusterCIDR: o.clusterCIDR } : {}) });
    await cni.checkHost();
    const dnsAddress = await startClusterDNS(o, cni, components);
    const clusterDNS = o.clusterDNS ?? (dnsAddress ? [dnsAddress] : []);
    if (o.onPodNetwork)
        await o.onPodNetwork(await cni.ensureBridge());
    const runtime = new RuncRuntime({ root: join(o.dataDir, 'runtime'), rootfs: images, pauseRootfs, cni, cgroupRoot: names.cgroupRoot });
    const stats = new StatsProvider({ nodeName: o.nodeName, runtime });
    const kubeletServer = createKubeletServer({ runtime, stats, tls: { key: o.serving.key, cert: o.serving.cert, ca: o.ca } });
    await new Promise((resolve, reject) => {
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
    if (o.routePods) {
        // The proxy's identity may read every Node (system:node-proxier); the node's own may read only itself.
        const routes = new HostGatewayRoutes(o.connect(o.proxyIdentity, `berth-routes/${o.nodeName}`), o.nodeName, (l) => void process.stderr.write(`host-gw ${o.nodeName}: ${l}\n`));
        components.run('pod routes', routes.start(signal));
    }
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
/**
 * Cluster DNS on the pod bridge's gateway, made now so it can listen before the first Pod; its address,
 * or none when it cannot be set up (Pods then get the host's resolv.conf).
 */
async function startClusterDNS(o, cni, components) {
    const log = (m) => void process.stderr.write(`dns ${o.nodeName}: ${m}\n`);
    try {
        await cni.ensureBridge();
    }
    catch (e) {
        log(`no pod bridge to listen on, Pods use the host's resolvers: ${e.message}`);
        return undefined;
    }
    const client = o.connect(o.dnsIdentity, `berth-dns/${o.nodeName}`);
    // Not awaited: the kubelet starts while the informers list; a Pod is rarely quicker.
    components.run('cluster DNS', startNodeDNS({ client, address: cni.gateway, domain: CLUSTER_DOMAIN, log, ...(o.resolvConf ? { resolvConfPath: o.resolvConf } : {}) }, components.signal));
    return cni.gateway;
}
//# sourceMappingURL=node.js.map