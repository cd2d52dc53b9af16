// Fields that newer releases define behind an alpha gate (emptyDir.mode, EmptyDirVolumeMode, 1.37) are
// dropped and the object accepted, as such a kube-apiserver does with the gate off, so documentation
// examples written for it apply here; a field no release defines is still refused as unknown.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
const t = withServer();
const BIN = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.33'].find((b) => existsSync(b)) ?? KUBECTL;
const k = (args, input) => kubectl(t.server.kubeconfig, args, { bin: BIN, input });
const podSpec = (extra = '') => `  containers:\n  - name: c\n    image: busybox\n    volumeMounts: [{name: v, mountPath: /v}]\n  volumes:\n  - name: v\n    emptyDir:\n      mode: 0755\n${extra}`;
describe('alpha fields of newer releases', () => {
    it('drops emptyDir.mode from a Pod, created or applied, and accepts it', async () => {
        const c = await k(['create', '-f', '-'], `apiVersion: v1\nkind: Pod\nmetadata:\n  name: gated\nspec:\n${podSpec()}`);
        assert.equal(c.code, 0, c.stderr);
        const got = (await t.api.call('GET', '/api/v1/namespaces/default/pods/gated')).body;
        assert.deepEqual(got.spec.volumes.find((v) => v.name === 'v').emptyDir, {});
        const a = await k(['apply', '-f', '-'], `apiVersion: v1\nkind: Pod\nmetadata:\n  name: gated-applied\nspec:\n${podSpec()}`);
        assert.equal(a.code, 0, a.stderr);
        const s = await k(['apply', '--server-side', '-f', '-'], `apiVersion: v1\nkind: Pod\nmetadata:\n  name: gated-ssa\nspec:\n${podSpec()}`);
        assert.equal(s.code, 0, s.stderr);
    });
    it('drops it from a Deployment\'s Pod template', async () => {
        const spec = podSpec().replace(/^/gm, '    ');
        const r = await k(['create', '-f', '-'], `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gated\nspec:\n  selector: {matchLabels: {app: g}}\n  template:\n    metadata: {labels: {app: g}}\n    spec:\n${spec}`);
        assert.equal(r.code, 0, r.stderr);
    });
    it('still refuses a field no release defines', async () => {
        const r = await k(['create', '-f', '-'], `apiVersion: v1\nkind: Pod\nmetadata:\n  name: unknown\nspec:\n  securityContext:\n    cgroupOptions: {}\n${podSpec()}`);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /strict decoding error: unknown field "spec.securityContext.cgroupOptions"/);
    });
});
//# sourceMappingURL=apiserver-gated-fields.test.js.map