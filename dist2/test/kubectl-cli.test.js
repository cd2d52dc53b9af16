// The real kubectl (1.32, 1.27 and 1.33) against a real berth server: what it prints, and what the
// server then holds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
const SEED = new URL('../../seed-manifests/', import.meta.url);
let server;
const k = (args, opts) => kubectl(server.kubeconfig, args, opts);
before(async () => {
    server = await startServer();
});
after(async () => {
    await server.dispose();
});
describe('the seed manifests', () => {
    it('go through kubectl apply -f unmodified, and kubectl get pods shows them Pending with no node', async () => {
        for (const f of ['two-containers.yaml', 'lifecycle-demo.yaml']) {
            const r = await k(['apply', '-f', '-'], { input: readFileSync(new URL(f, SEED), 'utf8') });
            assert.equal(r.code, 0, r.stderr);
            assert.match(r.stdout, /pod\/\S+ created/);
        }
        // As upstream: the service-account volume admission appended makes kubectl send a patch of list order
        // directives ("configured"), which changes nothing.
        const before = JSON.parse((await k(['get', 'pod', 'two-containers', '-o', 'json'])).stdout);
        const again = await k(['apply', '-f', '-'], { input: readFileSync(new URL('two-containers.yaml', SEED), 'utf8') });
        assert.match(again.stdout, /pod\/two-containers configured/);
        const afterApply = JSON.parse((await k(['get', 'pod', 'two-containers', '-o', 'json'])).stdout);
        assert.equal(afterApply.metadata.resourceVersion, before.metadata.resourceVersion);
        const get = await k(['get', 'pods']);
        assert.equal(get.code, 0, get.stderr);
        const lines = get.stdout.trim().split('\n');
        assert.match(lines[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
        assert.match(get.stdout, /lifecycle-demo\s+0\/1\s+Pending\s+0\s+\d+s/);
        assert.match(get.stdout, /two-containers\s+0\/2\s+Pending\s+0\s+\d+s/);
        const json = JSON.parse((await k(['get', 'pod', 'two-containers', '-o', 'json'])).stdout);
        assert.equal(json.spec.volumes[0].hostPath.path, '/data');
        assert.ok(json.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    });
});
describe('kubectl commands', () => {
    it('configures with a 3-way strategic merge patch', async () => {
        const manifest = (image) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: smp\n  labels: {a: "1"}\nspec:\n  containers:\n  - name: c\n    image: ${image}\n`;
        assert.equal((await k(['apply', '-f', '-'], { input: manifest('busybox:1') })).code, 0);
        const r = await k(['apply', '-f', '-'], { input: manifest('busybox:2') });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /pod\/smp configured/);
        assert.equal((await k(['get', 'pod', 'smp', '-o', 'jsonpath={.spec.containers[0].image}'])).stdout, 'busybox:2');
    });
    it('applies server-side, and reports conflicts with another manager', async () => {
        const m = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ssa\nspec:\n  containers:\n  - name: c\n    image: busybox:1\n`;
        const r = await k(['apply', '--server-side', '-f', '-'], { input: m });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /pod\/ssa serverside-applied/);
        const other = await k(['apply', '--server-side', '--field-manager', 'other', '-f', '-'], { input: m.replace('busybox:1', 'busybox:9') });
        assert.notEqual(other.code, 0);
        assert.match(other.stderr, /conflict/i);
        assert.equal((await k(['get', 'pod', 'ssa', '-o', 'jsonpath={.spec.containers[0].image}'])).stdout, 'busybox:1');
        const forced = await k(['apply', '--server-side', '--field-manager', 'other', '--force-conflicts', '-f', '-'], { input: m.replace('busybox:1', 'busybox:9') });
        assert.equal(forced.code, 0, forced.stderr);
        assert.equal((await k(['get', 'pod', 'ssa', '-o', 'jsonpath={.spec.containers[0].image}'])).stdout, 'busybox:9');
    });
    it('labels, annotates, patches and lists with selectors', async () => {
        assert.equal((await k(['run', 'runner', '--image=busybox', '--restart=Never'])).code, 0);
        assert.equal((await k(['label', 'pod', 'runner', 'tier=web'])).code, 0);
        assert.equal((await k(['annotate', 'pod', 'runner', 'note=hi'])).code, 0);
        const p = await k(['patch', 'pod', 'runner', '--type', 'merge', '-p', '{"metadata":{"labels":{"x":"y"}}}']);
        assert.equal(p.code, 0, p.stderr);
        const sel = await k(['get', 'pods', '-l', 'tier=web,x=y', '-o', 'name']);
        assert.equal(sel.stdout.trim(), 'pod/runner');
        const fs = await k(['get', 'pods', '--field-selector', 'metadata.name=runner', '-o', 'custom-columns=NAME:.metadata.name,NOTE:.metadata.annotations.note', '--no-headers']);
        assert.match(fs.stdout, /runner\s+hi/);
    });
    it('shows kubectl\'s own errors for an invalid manifest and an unknown field, and stores nothing', async () => {
        const invalid = await k(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n' });
        assert.notEqual(invalid.code, 0);
        assert.match(invalid.stderr, /is invalid/);
        const unknown = await k(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: unknown\nspec:\n  bogus: 1\n  containers:\n  - name: c\n    image: busybox\n' });
        assert.notEqual(unknown.code, 0);
        assert.match(unknown.stderr, /unknown field "spec.bogus"/);
        assert.match((await k(['get', 'pod', 'unknown'])).stderr, /NotFound|not found/);
        const missing = await k(['delete', 'pod', 'nothere']);
        assert.notEqual(missing.code, 0);
        assert.match(missing.stderr, /pods "nothere" not found/);
    });
    it('explains pod.spec.hostAliases from the served OpenAPI', async () => {
        const r = await k(['explain', 'pod.spec.hostAliases']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /hostAliases/);
        assert.match(r.stdout, /hostnames/);
    });
    it('deletes with --wait and --all', async () => {
        const r = await k(['delete', 'pod', 'runner']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /pod "runner" deleted/);
        const all = await k(['delete', 'pods', '--all']);
        assert.equal(all.code, 0, all.stderr);
        assert.equal((await k(['get', 'pods', '-o', 'name'])).stdout.trim(), '');
    });
    for (const v of ['1.27', '1.33']) {
        it(`works with kubectl ${v}: apply and get`, async () => {
            const bin = `/usr/lib/google-cloud-sdk/bin/kubectl.${v}`;
            const name = `v${v.replace('.', '-')}`;
            const r = await k(['apply', '-f', '-'], { bin, input: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: busybox\n` });
            assert.equal(r.code, 0, r.stderr);
            const g = await k(['get', 'pods', name], { bin });
            assert.match(g.stdout, new RegExp(`${name}\\s+0/1\\s+Pending`));
        });
    }
});
//# sourceMappingURL=kubectl-cli.test.js.map