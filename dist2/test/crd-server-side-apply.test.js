// Custom resources go through the same schema model as built-in kinds: server-side apply reads a CRD's
// x-kubernetes-list-type/map-keys as it reads upstream's, so two managers each own their own items of a
// keyed list (or a set) instead of fighting over the whole list, as with kube-apiserver.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
const ctx = withServer({ disableAgent: true });
const CRD = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gateways.ssa.example.com' },
    spec: {
        group: 'ssa.example.com',
        scope: 'Namespaced',
        names: { plural: 'gateways', singular: 'gateway', kind: 'Gateway', listKind: 'GatewayList' },
        versions: [{
                name: 'v1', served: true, storage: true,
                schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: {
                                    listeners: {
                                        type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
                                        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
                                    },
                                    hosts: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
                                    owners: { type: 'array', items: { type: 'string' } },
                                } } } } },
            }],
    },
};
const gateway = (spec) => JSON.stringify({ apiVersion: 'ssa.example.com/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec });
test('two managers apply their own items of a CRD\'s keyed list and set; an atomic list still conflicts', async () => {
    const k = (args, input) => kubectl(ctx.server.kubeconfig, args, { input });
    const created = await k(['create', '-f', '-'], JSON.stringify(CRD));
    assert.equal(created.code, 0, created.stderr);
    const established = await k(['wait', '--for=condition=Established', 'crd/gateways.ssa.example.com', '--timeout=20s']);
    assert.equal(established.code, 0, established.stderr);
    const a = await k(['apply', '--server-side', '--field-manager=a', '-f', '-'], gateway({ listeners: [{ name: 'http', port: 80 }], hosts: ['a.example'], owners: ['a'] }));
    assert.equal(a.code, 0, a.stderr);
    const b = await k(['apply', '--server-side', '--field-manager=b', '-f', '-'], gateway({ listeners: [{ name: 'https', port: 443 }], hosts: ['b.example'] }));
    assert.equal(b.code, 0, b.stderr);
    const got = JSON.parse((await k(['get', 'gateways.ssa.example.com', 'gw', '-o', 'json', '--show-managed-fields'])).stdout);
    assert.deepEqual(got.spec.listeners, [{ name: 'http', port: 80 }, { name: 'https', port: 443 }]);
    assert.deepEqual(got.spec.hosts, ['a.example', 'b.example']);
    const fieldsOf = (m) => got.metadata.managedFields.find((e) => e.manager === m).fieldsV1['f:spec'];
    assert.deepEqual(Object.keys(fieldsOf('b')['f:listeners']), ['k:{"name":"https"}']);
    assert.deepEqual(Object.keys(fieldsOf('b')['f:hosts']), ['v:"b.example"']);
    // An untagged list is atomic: another manager setting it conflicts with its owner.
    const c = await k(['apply', '--server-side', '--field-manager=c', '-f', '-'], gateway({ owners: ['c'] }));
    assert.notEqual(c.code, 0);
    assert.match(c.stderr, /conflict with "a".*\.spec\.owners/s);
});
//# sourceMappingURL=crd-server-side-apply.test.js.map