// The garbage collector follows ownerReferences to and from custom resources, with the real kubectl
// (1.33 and 1.27): a ConfigMap owned by a Widget goes when the Widget is deleted (background), is
// deleted before it with --cascade=foreground, and is kept, its reference removed, with --cascade=orphan;
// a Widget owned by a ConfigMap goes with the ConfigMap.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTL_VERSIONS, kubectlWithOwnCache } from './support/kubectl-versions.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';
import { widgetCrd } from './support/crd.js';
const crd = (group) => widgetCrd(group, '  - { name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } } }\n');
describe('garbage collection through custom resources', () => {
    const srv = withServer();
    for (const [version, bin] of KUBECTL_VERSIONS) {
        test(`kubectl ${version}: background, foreground and orphan deletion of a Widget owner; a Widget dependent`, async () => {
            const group = `gc${version.replace('.', '-')}.example.com`;
            const k = kubectlWithOwnCache(srv.server.kubeconfig, bin);
            const ok = async (args, input) => {
                const r = await k(args, input);
                assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
                return r.stdout;
            };
            await ok(['create', '-f', '-'], crd(group));
            await ok(['wait', '--for=condition=Established', `crd/widgets.${group}`, '--timeout=10s']);
            const widget = async (name, owner) => {
                const refs = owner ? `, ownerReferences: [${JSON.stringify(owner)}]` : '';
                await ok(['create', '-f', '-'], `apiVersion: ${group}/v1\nkind: Widget\nmetadata: { name: ${name}${refs} }\n`);
                return (await ok(['get', `widgets.${group}`, name, '-o', 'jsonpath={.metadata.uid}'])).trim();
            };
            const configMap = async (name, owner) => {
                await ok(['create', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}${owner ? `, ownerReferences: [${JSON.stringify(owner)}]` : ''} }\ndata: { a: "1" }\n`);
                return (await ok(['get', 'configmap', name, '-o', 'jsonpath={.metadata.uid}'])).trim();
            };
            const gone = (what) => until(`${what} gone`, async () => (await k(['get', what])).code === 1 || undefined, 30_000);
            const ownedBy = (name, uid, block = false) => ({ apiVersion: `${group}/v1`, kind: 'Widget', name, uid, ...(block ? { blockOwnerDeletion: true } : {}) });
            const w = version.replace('.', '');
            // Background (kubectl's default): the dependent goes after its owner.
            const bg = await widget(`bg${w}`);
            await configMap(`cm-bg${w}`, ownedBy(`bg${w}`, bg));
            await ok(['delete', `widgets.${group}`, `bg${w}`]);
            await gone(`configmap/cm-bg${w}`);
            // Foreground: the owner waits (foregroundDeletion) until its blocking dependent is gone.
            const fg = await widget(`fg${w}`);
            await configMap(`cm-fg${w}`, ownedBy(`fg${w}`, fg, true));
            await ok(['delete', `widgets.${group}`, `fg${w}`, '--cascade=foreground', '--wait=false']);
            await gone(`configmap/cm-fg${w}`);
            await gone(`widgets.${group}/fg${w}`);
            // Orphan: the dependent stays, without its reference.
            const or = await widget(`or${w}`);
            await configMap(`cm-or${w}`, ownedBy(`or${w}`, or));
            await ok(['delete', `widgets.${group}`, `or${w}`, '--cascade=orphan']);
            await gone(`widgets.${group}/or${w}`);
            await until('the reference removed', async () => (await ok(['get', 'configmap', `cm-or${w}`, '-o', 'jsonpath={.metadata.ownerReferences}'])).trim() === '' || undefined, 30_000);
            // A custom resource as the dependent.
            const cmUid = await configMap(`owner${w}`);
            await widget(`dep${w}`, { apiVersion: 'v1', kind: 'ConfigMap', name: `owner${w}`, uid: cmUid });
            await ok(['delete', 'configmap', `owner${w}`]);
            await gone(`widgets.${group}/dep${w}`);
        });
    }
});
//# sourceMappingURL=gc-custom-resources.test.js.map