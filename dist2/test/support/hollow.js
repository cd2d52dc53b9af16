// Hollow nodes (real kubelets over the fake runtime) joined to a test server, as `berth sim` does.
import { join } from 'node:path';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
import { startHollowNodes } from '../../src/cli/hollow-nodes.js';
export async function hollowNodes(server, o) {
    return startHollowNodes({
        reader: await loadKubeconfig(server.kubeconfig),
        pkiDir: join(server.dataDir, 'pki'),
        dataDir: join(server.dataDir, 'sim'),
        log: process.env.BERTH_TEST_LOG ? (l) => console.error(l) : () => { },
        ...o,
    });
}
//# sourceMappingURL=hollow.js.map