// The real kubectl releases tests run side by side (1.33 and 1.27, where installed), each with a
// discovery cache of its own: one kubectl's cache would list groups another test deleted since.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl } from './kubectl.js';
export const KUBECTL_VERSIONS = [['1.33', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'], ['1.27', '/usr/lib/google-cloud-sdk/bin/kubectl.1.27']].filter(([, bin]) => existsSync(bin));
/** kubectl at bin against kubeconfig, with a HOME (and cache) of its own, removed when the process exits. */
export function kubectlWithOwnCache(kubeconfig, bin) {
    const home = mkdtempSync(join(tmpdir(), 'berth-kubectl-cache-'));
    process.once('exit', () => rmSync(home, { recursive: true, force: true }));
    return (args, input) => kubectl(kubeconfig, args, { bin, input, env: { HOME: home, KUBECACHEDIR: join(home, 'cache') } });
}
//# sourceMappingURL=kubectl-versions.js.map