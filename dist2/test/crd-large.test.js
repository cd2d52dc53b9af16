// A CRD as large as popular operators' (its spec embeds the whole PodSpec schema, generated here from
// berth's own OpenAPI as controller-gen would inline it) installs and is served in under a second, and
// the real kubectl (1.33 and 1.27) explains and applies its custom resources.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTL_VERSIONS, kubectlWithOwnCache } from './support/kubectl-versions.js';
import { withServer } from './support/suite.js';
const KEEP = ['type', 'format', 'description', 'required', 'enum'];
/** The structural, fully inlined form of an OpenAPI v3 definition, as CRD generators write it. */
function inline(s, schemas, seen = []) {
    const ref = s.$ref ?? s.allOf?.[0]?.$ref;
    if (ref) {
        const name = ref.slice('#/components/schemas/'.length);
        const description = s.description;
        if (name.endsWith('IntOrString'))
            return { 'x-kubernetes-int-or-string': true, ...(description ? { description } : {}) };
        if (seen.includes(name))
            return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
        const out = inline(schemas[name], schemas, [...seen, name]);
        return description ? { ...out, description } : out;
    }
    const out = {};
    for (const k of KEEP)
        if (s[k] !== undefined)
            out[k] = s[k];
    if (s.properties)
        out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, inline(v, schemas, seen)]));
    if (s.items)
        out.items = inline(s.items, schemas, seen);
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
        out.additionalProperties = inline(s.additionalProperties, schemas, seen);
    const keys = s['x-kubernetes-list-map-keys'];
    if (s['x-kubernetes-list-type'] && (!keys || keys.every((k) => out.items?.required?.includes(k)))) {
        out['x-kubernetes-list-type'] = s['x-kubernetes-list-type'];
        if (keys)
            out['x-kubernetes-list-map-keys'] = keys;
    }
    if (!out.type)
        out.type = 'object';
    if (out.type === 'object' && !out.properties && !out.additionalProperties)
        out['x-kubernetes-preserve-unknown-fields'] = true;
    return out;
}
function podSetCrd(podSpec) {
    return {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'podsets.ops.example.com' },
        spec: {
            group: 'ops.example.com',
            scope: 'Namespaced',
            names: { plural: 'podsets', singular: 'podset', kind: 'PodSet', shortNames: ['pst'] },
            versions: [{
                    name: 'v1',
                    served: true,
                    storage: true,
                    subresources: { status: {} },
                    schema: {
                        openAPIV3Schema: {
                            type: 'object',
                            properties: {
                                spec: {
                                    type: 'object',
                                    properties: {
                                        replicas: { type: 'integer', format: 'int32' },
                                        template: { type: 'object', description: 'The Pods to run.', properties: { metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, spec: podSpec } },
                                    },
                                },
                                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                            },
                        },
                    },
                }],
        },
    };
}
const podSet = (name, container) => `apiVersion: ops.example.com/v1
kind: PodSet
metadata: { name: ${name} }
spec:
  replicas: 2
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - ${container}
`;
describe('a CRD embedding the whole PodSpec', () => {
    const srv = withServer();
    test('installs and is served in under a second; kubectl explains and applies its resources', async () => {
        const v1 = await srv.api.call('GET', '/openapi/v3/api/v1');
        const schemas = v1.body.components.schemas;
        const podSpec = inline({ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }, schemas);
        const body = JSON.stringify(podSetCrd(podSpec));
        assert.ok(podSpec.properties.containers.items.properties.resources.properties.limits, 'PodSpec inlined to its leaves');
        const t0 = performance.now();
        const created = await srv.api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', body);
        const stored = performance.now();
        assert.equal(created.status, 201, JSON.stringify(created.body).slice(0, 2000));
        let served = 0;
        for (;;) {
            const r = await srv.api.call('GET', '/apis/ops.example.com/v1/namespaces/default/podsets');
            if (r.status === 200)
                break;
            served++;
            await new Promise((res) => setTimeout(res, 5));
        }
        const ready = performance.now();
        const doc = await srv.api.call('GET', '/openapi/v3/apis/ops.example.com/v1');
        const published = performance.now();
        assert.equal(doc.status, 200);
        console.log(`CRD of ${(body.length / 1024).toFixed(0)} KiB (the whole PodSpec): stored in ${(stored - t0).toFixed(0)} ms, served in ${(ready - t0).toFixed(0)} ms (${served} polls refused before), its OpenAPI v3 document built in ${(published - ready).toFixed(0)} ms`);
        assert.equal(doc.body.components.schemas['com.example.ops.v1.PodSet']['x-kubernetes-group-version-kind'][0].kind, 'PodSet');
        const v2 = await srv.api.call('GET', '/openapi/v2');
        assert.ok(v2.body.definitions['com.example.ops.v1.PodSet'].properties.spec.properties.template, 'Swagger 2.0 has the kind too');
        assert.ok(v2.body.paths['/apis/ops.example.com/v1/namespaces/{namespace}/podsets/{name}/status']);
        const proto = await srv.api.call('GET', '/openapi/v2', undefined, { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
        assert.equal(proto.status, 200);
        for (const [version, bin] of KUBECTL_VERSIONS) {
            const k = kubectlWithOwnCache(srv.server.kubeconfig, bin);
            const explained = await k(['explain', 'podsets.spec.template.spec.containers.resources']);
            assert.equal(explained.code, 0, `${version}: ${explained.stderr}`);
            assert.match(explained.stdout, /KIND:\s+PodSet/);
            assert.match(explained.stdout, /limits\s+<map\[string\]/);
            const name = `web-${version.replace('.', '-')}`;
            const t1 = performance.now();
            const applied = await k(['apply', '-f', '-'], podSet(name, '{ name: app, image: nginx, ports: [{ containerPort: 80 }], resources: { limits: { cpu: 500m } } }'));
            assert.equal(applied.code, 0, `${version}: ${applied.stderr}`);
            assert.match(applied.stdout, new RegExp(`podset.ops.example.com/${name} created`));
            console.log(`kubectl ${version} apply of a PodSet: ${(performance.now() - t1).toFixed(0)} ms`);
            const changed = await k(['apply', '-f', '-'], podSet(name, '{ name: app, image: nginx:1.27, ports: [{ containerPort: 80 }] }'));
            assert.match(changed.stdout, new RegExp(`podset.ops.example.com/${name} configured`), changed.stderr);
            const got = JSON.parse((await k(['get', 'pst', name, '-o', 'json'])).stdout);
            assert.equal(got.spec.template.spec.containers[0].image, 'nginx:1.27');
            assert.equal(got.spec.template.spec.containers[0].resources, undefined, 'client-side apply removed the dropped field');
            const bad = await k(['apply', '-f', '-'], podSet(`${name}-bad`, '{ image: nginx, ports: [{ containerPort: "eighty" }] }'));
            assert.match(bad.stderr, /spec\.template\.spec\.containers\.0\.ports\.0\.containerPort in body must be of type integer: "string"/);
            assert.match(bad.stderr, /spec\.template\.spec\.containers\.0\.name: Required value/);
        }
    });
});
//# sourceMappingURL=crd-large.test.js.map