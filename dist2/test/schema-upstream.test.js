// Where the schema comes from: Kubernetes' own published OpenAPI documents for the release berth reports,
// pinned by hash. kubectl (real, against a real server) sees upstream's text and upstream's field set: a
// field that release added is known, one a later release added is refused as unknown, as a 1.32
// kube-apiserver refuses it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, test } from 'node:test';
import { definitions } from '../src/api/schema/definitions.js';
import { checkTypes } from '../src/apiserver/http/typecheck.js';
import { applyPatch } from '../src/api/patch/apply.js';
import { KUBERNETES_SCHEMA_RELEASE, UPSTREAM_DIR, documentFile, upstreamSchemas } from '../src/api/schema/upstream.js';
import { KUBERNETES_VERSION } from '../src/apiserver/discovery.js';
import { KUBECTL_VERSIONS, kubectlWithOwnCache } from './support/kubectl-versions.js';
import { withServer } from './support/suite.js';
test('the vendored documents are the ones SHA256SUMS pins, and nothing else', () => {
    const sums = new Map(readFileSync(UPSTREAM_DIR + 'SHA256SUMS', 'utf8').trim().split('\n').map((l) => l.split(/\s+/).reverse()));
    const files = readdirSync(UPSTREAM_DIR).filter((f) => f !== 'SHA256SUMS').sort();
    assert.deepEqual(files, [...sums.keys()].sort());
    for (const f of files)
        assert.equal(createHash('sha256').update(readFileSync(UPSTREAM_DIR + f)).digest('hex'), sums.get(f), f);
    assert.ok(files.includes(documentFile('', 'v1')) && files.includes(documentFile('apps', 'v1')));
});
test('the schema is of the release /version reports', () => {
    assert.equal(`${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}`, KUBERNETES_SCHEMA_RELEASE);
});
test('definitions carry upstream\'s text, patch and list tags, exactly', () => {
    const core = upstreamSchemas('', 'v1');
    const upstreamSpec = core['io.k8s.api.core.v1.PodSpec'].properties;
    const spec = definitions().get('io.k8s.api.core.v1.PodSpec').properties;
    for (const field of ['containers', 'volumes', 'topologySpreadConstraints', 'resources', 'hostAliases']) {
        assert.equal(spec[field].description, upstreamSpec[field].description, field);
        for (const tag of ['x-kubernetes-patch-strategy', 'x-kubernetes-patch-merge-key', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys']) {
            assert.deepEqual(spec[field][tag], upstreamSpec[field][tag], `${field} ${tag}`);
        }
    }
    assert.deepEqual(spec.topologySpreadConstraints['x-kubernetes-list-map-keys'], ['topologyKey', 'whenUnsatisfiable']);
    // Upstream's v2 form of the v3 oneOf types, and its required fields.
    assert.deepEqual(definitions().get('io.k8s.apimachinery.pkg.util.intstr.IntOrString').type, 'string');
    assert.deepEqual(definitions().get('io.k8s.api.core.v1.Container').required, ['name']);
});
test('typed decoding follows upstream\'s formats: Quantity takes a number, format byte wants base64', () => {
    const pod = (limits) => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', resources: { limits } }], overhead: { cpu: 0.5 } } });
    checkTypes('v1', 'Pod', pod({ cpu: 1, memory: '1Gi' }));
    assert.throws(() => checkTypes('v1', 'Pod', pod({ cpu: true })), /cannot unmarshal bool into Go struct field ResourceRequirements\.spec\.containers\.resources\.limits/);
    // Any []byte field, not only a Secret's data: a CRD's conversion webhook caBundle.
    const crd = { metadata: { name: 'x' }, spec: { conversion: { strategy: 'Webhook', webhook: { clientConfig: { caBundle: 'no!' } } } } };
    assert.throws(() => checkTypes('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd), /cannot be handled as a CustomResourceDefinition: illegal base64 data at input byte 2/);
});
test('server-side apply owns what upstream marks x-kubernetes-map-type: atomic as one field', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } };
    const { managedFields } = applyPatch(undefined, deployment, 'a');
    const spec = managedFields[0].fieldsV1['f:spec'];
    assert.deepEqual(spec['f:selector'], {}); // a LabelSelector is atomic upstream
    assert.deepEqual(spec['f:template']['f:metadata']['f:labels'], { '.': {}, 'f:app': {} }); // a map of strings is not
});
describe('kubectl against a server whose schema is Kubernetes 1.32\'s', { skip: KUBECTL_VERSIONS.length === 0 && 'no kubectl releases here' }, () => {
    const ctx = withServer({ disableAgent: true });
    const upstreamText = (def, field) => upstreamSchemas('', 'v1')[def].properties[field].description;
    // kubectl explain wraps and indents; compare the words.
    const words = (s) => s.replace(/\s+/g, ' ').trim();
    for (const [version, bin] of KUBECTL_VERSIONS) {
        it(`kubectl ${version} explains pod-level resources (new in 1.32) in upstream's words`, async () => {
            const run = kubectlWithOwnCache(ctx.server.kubeconfig, bin);
            const r = await run(['explain', 'pods.spec.resources']);
            assert.equal(r.code, 0, r.stderr);
            assert.match(r.stdout, /resources\s+<ResourceRequirements>/);
            assert.ok(words(r.stdout).includes(words(upstreamText('io.k8s.api.core.v1.PodSpec', 'resources'))), r.stdout);
        });
        it(`kubectl ${version}: a field of a later release is unknown, as to a 1.32 kube-apiserver`, async () => {
            const run = kubectlWithOwnCache(ctx.server.kubeconfig, bin);
            const pod = (name, extra) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...extra } });
            const later = await run(['create', '--validate=strict', '-f', '-'], pod(`later-${version.replace('.', '')}`, { hostnameOverride: 'h' }));
            assert.notEqual(later.code, 0);
            assert.match(later.stderr, /strict decoding error: unknown field "spec.hostnameOverride"/);
            const known = await run(['create', '--validate=strict', '-f', '-'], pod(`known-${version.replace('.', '')}`, { resources: { limits: { cpu: '1' } } }));
            assert.equal(known.code, 0, known.stderr);
        });
    }
});
//# sourceMappingURL=schema-upstream.test.js.map