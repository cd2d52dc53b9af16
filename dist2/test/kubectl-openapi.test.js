import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OPENAPI_V2_PROTOBUF_CONTENT_TYPE, decodeOpenapiV2, openapiV2Json, openapiV2Protobuf } from '../src/apiserver/openapi/v2.js';
import { openapiV3Document, openapiV3Index } from '../src/apiserver/openapi/v3.js';
import * as discovery from '../src/apiserver/discovery.js';
import { strictDecodingError, unknownFields, unknownFieldWarnings } from '../src/api/schema/validate.js';
test('the v2 protobuf decodes as openapi_v2.Document and holds the Pod definition', () => {
    const doc = decodeOpenapiV2(openapiV2Protobuf());
    assert.equal(doc.swagger, '2.0');
    const pod = doc.definitions.additional_properties.find((d) => d.name === 'io.k8s.api.core.v1.Pod').value;
    assert.match(pod.description, /^Pod is a collection of containers/);
    // Upstream's own document, so its key order (group, kind, version).
    assert.deepEqual(pod.vendor_extension, [{ name: 'x-kubernetes-group-version-kind', value: { yaml: '[{"group":"","kind":"Pod","version":"v1"}]\n' } }]);
    const spec = doc.definitions.additional_properties.find((d) => d.name === 'io.k8s.api.core.v1.PodSpec').value;
    const containers = spec.properties.additional_properties.find((p) => p.name === 'containers').value;
    assert.deepEqual(containers.type.value, ['array']);
    assert.equal(containers.items.schema[0]._ref, '#/definitions/io.k8s.api.core.v1.Container');
    assert.ok(containers.vendor_extension.some((e) => e.name === 'x-kubernetes-patch-merge-key' && e.value.yaml === '"name"\n'));
    const patchOp = doc.paths.path.find((p) => p.name === '/api/v1/namespaces/{namespace}/pods/{name}').value.patch;
    const names = patchOp.parameters.map((p) => p.parameter.non_body_parameter?.query_parameter_sub_schema?.name).filter(Boolean);
    assert.ok(names.includes('fieldValidation'));
    assert.equal(OPENAPI_V2_PROTOBUF_CONTENT_TYPE.includes('@'), false);
});
test('v2 JSON and v3 documents carry GVKs, merge keys, descriptions and fieldValidation on PATCH', () => {
    const v2 = openapiV2Json();
    assert.equal(v2.definitions['io.k8s.api.core.v1.Container'].properties.ports['x-kubernetes-patch-merge-key'], 'containerPort');
    assert.equal(v2.definitions['io.k8s.api.core.v1.Container'].properties.volumeMounts['x-kubernetes-patch-merge-key'], 'mountPath');
    const index = openapiV3Index();
    assert.deepEqual(Object.keys(index.paths), ['api/v1', 'apis/coordination.k8s.io/v1', 'apis/events.k8s.io/v1', 'apis/apps/v1', 'apis/networking.k8s.io/v1', 'apis/discovery.k8s.io/v1', 'apis/batch/v1', 'apis/policy/v1', 'apis/scheduling.k8s.io/v1', 'apis/apiextensions.k8s.io/v1', 'apis/storage.k8s.io/v1', 'apis/authentication.k8s.io/v1', 'apis/certificates.k8s.io/v1', 'apis/rbac.authorization.k8s.io/v1', 'apis/admissionregistration.k8s.io/v1', 'apis/authorization.k8s.io/v1']);
    assert.match(index.paths['api/v1'].serverRelativeURL, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+$/);
    const v3 = openapiV3Document('api/v1');
    const patch = v3.paths['/api/v1/namespaces/{namespace}/pods/{name}'].patch;
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: '', version: 'v1', kind: 'Pod' });
    assert.ok(patch.parameters.some((p) => p.name === 'fieldValidation'));
    assert.ok(Object.keys(patch.requestBody.content).includes('application/apply-patch+yaml'));
    assert.match(v3.components.schemas['io.k8s.api.core.v1.PodSpec'].properties.hostAliases.description, /hosts file/);
    const lease = openapiV3Document('apis/coordination.k8s.io/v1');
    assert.ok(lease.components.schemas['io.k8s.api.coordination.v1.Lease']);
    const apps = openapiV3Document('apis/apps/v1');
    assert.deepEqual(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].get['x-kubernetes-group-version-kind'], { group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const batch = openapiV3Document('apis/batch/v1');
    assert.deepEqual(batch.paths['/apis/batch/v1/namespaces/{namespace}/jobs/{name}/status'].get['x-kubernetes-group-version-kind'], { group: 'batch', version: 'v1', kind: 'Job' });
    assert.match(batch.components.schemas['io.k8s.api.batch.v1.CronJobSpec'].properties.timeZone.description, /time zone/);
    assert.equal(openapiV3Document('apis/nope/v1'), undefined);
});
test('discovery documents are generated from the resource list', () => {
    const core = discovery.aggregatedDiscovery(true);
    assert.equal(core.apiVersion, 'apidiscovery.k8s.io/v2');
    const pods = core.items[0].versions[0].resources.find((r) => r.resource === 'pods');
    assert.deepEqual([pods.scope, pods.singularResource, pods.shortNames, pods.categories], ['Namespaced', 'pod', ['po'], ['all']]);
    assert.deepEqual(pods.subresources.find((s) => s.subresource === 'eviction').responseKind, { group: 'policy', version: 'v1', kind: 'Eviction' });
    const apps = discovery.aggregatedDiscovery(false).items.find((g) => g.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((r) => r.resource === 'deployments');
    assert.deepEqual([deployments.shortNames, deployments.categories, deployments.subresources.map((s) => s.subresource)], [['deploy'], ['all'], ['status', 'scale']]);
    const named = discovery.aggregatedDiscovery(false, 'v2beta1');
    assert.deepEqual(named.items.map((g) => g.metadata.name), ['coordination.k8s.io', 'events.k8s.io', 'apps', 'networking.k8s.io', 'discovery.k8s.io', 'batch', 'policy', 'scheduling.k8s.io', 'apiextensions.k8s.io', 'storage.k8s.io', 'authentication.k8s.io', 'certificates.k8s.io', 'rbac.authorization.k8s.io', 'admissionregistration.k8s.io', 'authorization.k8s.io', 'metrics.k8s.io']);
    assert.deepEqual(discovery.apiVersions().versions, ['v1']);
    assert.deepEqual(discovery.apiGroupList().groups[0].preferredVersion, { groupVersion: 'coordination.k8s.io/v1', version: 'v1' });
    const list = discovery.apiResourceList('', 'v1');
    assert.deepEqual(list.resources.find((r) => r.name === 'pods/status').verbs, ['get', 'patch', 'update']);
    assert.deepEqual(list.resources.find((r) => r.name === 'bindings').verbs, ['create']);
    assert.deepEqual(list.resources.find((r) => r.name === 'serviceaccounts/token').kind, 'TokenRequest');
    const appsList = discovery.apiResourceList('apps', 'v1');
    assert.deepEqual(appsList.resources.find((r) => r.name === 'deployments/scale').kind, 'Scale');
    const batchList = discovery.apiResourceList('batch', 'v1');
    assert.deepEqual(batchList.resources.find((r) => r.name === 'cronjobs').shortNames, ['cj']);
    assert.equal(discovery.apiResourceList('nope', 'v1'), undefined);
    assert.equal(discovery.versionInfo('0.1.0').major, '1');
});
test('strict field validation names unknown fields as upstream does', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { any: 'x' }, bogus: 1 }, spec: { containers: [{ name: 'a', image: 'b', foo: 1, resources: { limits: { cpu: '1' } } }] } };
    const paths = unknownFields('Pod', pod);
    assert.deepEqual(paths, ['metadata.bogus', 'spec.containers[0].foo']);
    assert.equal(strictDecodingError('Pod', 'v1', paths).message, 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.bogus", unknown field "spec.containers[0].foo"');
    assert.deepEqual(unknownFieldWarnings(['spec.x']), ['unknown field "spec.x"']);
    assert.deepEqual(unknownFields('Lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: {}, spec: { holderIdentity: 'n', renewTime: 'x' } }), []);
});
/** A stub API server serving only discovery and OpenAPI, as a real kubectl reads them. */
function stub() {
    const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const accept = req.headers.accept ?? '';
        const send = (body, type = 'application/json') => {
            res.writeHead(body === undefined ? 404 : 200, { 'content-type': type });
            res.end(body instanceof Uint8Array ? body : JSON.stringify(body ?? {}));
        };
        const p = url.pathname;
        if (p === '/version')
            return send(discovery.versionInfo('test'));
        if (p === '/api' || p === '/apis') {
            if (accept.includes('g=apidiscovery.k8s.io;v=v2;'))
                return send(discovery.aggregatedDiscovery(p === '/api'), discovery.aggregatedContentType('v2'));
            return send(p === '/api' ? discovery.apiVersions() : discovery.apiGroupList());
        }
        if (p === '/api/v1')
            return send(discovery.apiResourceList('', 'v1'));
        const gv = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
        if (gv)
            return send(discovery.apiResourceList(gv[1], gv[2]));
        if (p === '/openapi/v2')
            return accept.includes('protobuf') ? send(openapiV2Protobuf(), OPENAPI_V2_PROTOBUF_CONTENT_TYPE) : send(openapiV2Json());
        if (p === '/openapi/v3')
            return send(openapiV3Index());
        if (p.startsWith('/openapi/v3/'))
            return send(openapiV3Document(p.slice('/openapi/v3/'.length)));
        return send(undefined);
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const KUBECTLS = ['/usr/bin/kubectl', '/usr/lib/google-cloud-sdk/bin/kubectl.1.27'].filter((k) => existsSync(k));
test('a real kubectl explains pod.spec.hostAliases from these documents', { skip: KUBECTLS.length === 0 && 'no kubectl here' }, async () => {
    const server = await stub();
    const home = mkdtempSync(join(tmpdir(), 'berth-kubectl-'));
    try {
        const { port } = server.address();
        const kubeconfig = join(home, 'config');
        writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${port}"}}]\ncontexts: [{name: s, context: {cluster: s, user: u}}]\nusers: [{name: u, user: {}}]\ncurrent-context: s\n`);
        for (const kubectl of KUBECTLS) {
            const { stdout } = await promisify(execFile)(kubectl, ['explain', 'pod.spec.hostAliases'], { env: { HOME: home, KUBECONFIG: kubeconfig, PATH: process.env.PATH ?? '' } });
            assert.match(stdout, /FIELD: +hostAliases <\[\]HostAlias>/, kubectl);
            assert.match(stdout, /ip\t<string> -required-/, kubectl);
            assert.match(stdout, /hosts file/, kubectl);
        }
    }
    finally {
        server.close();
        rmSync(home, { recursive: true, force: true });
    }
});
//# sourceMappingURL=kubectl-openapi.test.js.map