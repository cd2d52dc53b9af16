// RBAC's cost on the write path: 64-client durable Pod creates as the admin (system:masters, which
// RBAC never consults) with only the default bindings, against the same creates by a user whose
// right comes from a RoleBinding to edit, with 1,000 further RoleBindings present. Both in the same
// run, alternated, best of each; the ratio is what authorization costs (target ≥ 0.95, i.e. ≤ 5%).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { kubeconfigYaml } from '../src/cli/kubeconfig.js';
import { apiFor } from '../test/support/api.js';
import { startServer } from '../test/support/server.js';
import { loadgen } from './apiserver.js';
import { table } from './stats.js';
const CLIENTS = 64;
const CREATES = 3000;
const BINDINGS = 1000;
/** Creates/s of CREATES Pods by CLIENTS clients over two load processes. */
async function rate(kubeconfig, prefix) {
    const start = performance.now();
    await Promise.all([0, 1].map((p) => loadgen(kubeconfig, `${prefix}-${p}`, CREATES / 2, CLIENTS / 2)));
    return CREATES / ((performance.now() - start) / 1000);
}
export async function benchRbac() {
    const server = await startServer();
    const api = await apiFor(server.kubeconfig);
    try {
        const pki = join(server.dataDir, 'pki');
        const editor = join(server.dataDir, 'editor.kubeconfig');
        await writeFile(editor, kubeconfigYaml(server.url, await readFile(join(pki, 'ca.crt'), 'utf8'), await issueCertificate(pki, 'bench-editor', { cn: 'bench-editor', orgs: [] }, 'client'), 'bench-editor'));
        const binding = (name, user) => ({
            apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
        });
        const RB = '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings';
        const admin = [];
        const rbac = [];
        admin.push(await rate(server.kubeconfig, 'admin-a'));
        let next = 0;
        await Promise.all(Array.from({ length: 16 }, async () => {
            while (next < BINDINGS) {
                const i = next++;
                const r = await api.call('POST', RB, binding(`other-${i}`, `user-${i}`));
                if (r.status !== 201)
                    throw new Error(`binding ${i}: ${r.status} ${JSON.stringify(r.body)}`);
            }
        }));
        const mine = await api.call('POST', RB, binding('bench-editor', 'bench-editor'));
        if (mine.status !== 201)
            throw new Error(`editor binding: ${JSON.stringify(mine.body)}`);
        await new Promise((r) => setTimeout(r, 500));
        rbac.push(await rate(editor, 'rbac-a'));
        admin.push(await rate(server.kubeconfig, 'admin-b'));
        rbac.push(await rate(editor, 'rbac-b'));
        const [a, r] = [Math.max(...admin), Math.max(...rbac)];
        return [
            '## RBAC on the write path (64 clients, Pod creates)',
            table([
                ['caller', 'RoleBindings', 'creates/s (best of 2)'],
                ['admin (system:masters)', 'defaults only, then 1,001', Math.round(a)],
                ['user bound to edit by a RoleBinding', `${BINDINGS + 1}`, Math.round(r)],
                ['ratio (target ≥ 0.95)', '', r / a],
            ]),
        ].join('\n');
    }
    finally {
        api.close();
        await server.dispose();
    }
}
//# sourceMappingURL=rbac.js.map