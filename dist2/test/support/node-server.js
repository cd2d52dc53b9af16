// A `berth server` with its kubelet, for the e2e tests that run Pods: the offline test images in its
// data dir, a kubelet on a free port (`--kubelet-port 0`), and a teardown that deletes the Pods first
// so the kubelet unmounts and removes what it made before the data dir goes.
import { ensureTestImages } from './images.js';
import { kubectl } from './kubectl.js';
import { startServer } from './server.js';
import { until } from './wait.js';
/** Starts (or restarts, on the same data dir) the server with its agent; the images are added once. */
export async function startNodeServer(dataDir) {
    await ensureTestImages(dataDir);
    return startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
}
export async function untilNodeReady(server) {
    await until('node Ready', async () => (await kubectl(server.kubeconfig, ['get', 'nodes', '--no-headers'])).stdout.includes(' Ready'));
}
/** Deletes every Pod (waited for, with a 1 s grace), then stops the server and removes its data dir. */
export async function disposeNodeServer(server) {
    if (!server)
        return;
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=1']);
    await server.dispose();
}
//# sourceMappingURL=node-server.js.map