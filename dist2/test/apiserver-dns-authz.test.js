// What a node's cluster DNS (system:kube-dns) may do: upstream's system:coredns role, list and watch
// Services, Endpoints, EndpointSlices, Pods and Namespaces everywhere; nothing else, and nothing for a
// user of another name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../src/api/errors.js';
import { authorize } from '../src/apiserver/auth/authorize.js';
import { rbacChain } from './support/rbac.js';
// The default policy, as a fresh server holds it.
const graph = rbacChain();
function allowed(user, verb, group, plural, subresource) {
    try {
        authorize({ name: user, groups: ['system:authenticated'] }, { verb, resource: { group, plural }, namespace: 'default', subresource }, graph);
        return true;
    }
    catch (e) {
        assert.ok(e instanceof ApiError && e.code === 'Forbidden', String(e));
        return false;
    }
}
test('system:kube-dns lists and watches what DNS answers from, and writes nothing', () => {
    for (const [verb, group, plural] of [['list', '', 'services'], ['watch', '', 'services'], ['list', '', 'pods'], ['watch', '', 'pods'], ['watch', '', 'endpoints'],
        ['list', '', 'namespaces'], ['list', 'discovery.k8s.io', 'endpointslices'], ['watch', 'discovery.k8s.io', 'endpointslices']]) {
        assert.equal(allowed('system:kube-dns', verb, group, plural), true, `${verb} ${group}/${plural}`);
    }
    for (const [verb, group, plural, sub] of [['get', '', 'secrets'], ['list', '', 'secrets'], ['create', '', 'services'], ['update', 'discovery.k8s.io', 'endpointslices'],
        ['delete', '', 'pods'], ['patch', '', 'pods', 'status'], ['create', '', 'pods', 'exec'], ['list', '', 'configmaps']]) {
        assert.equal(allowed('system:kube-dns', verb, group, plural, sub), false, `${verb} ${group}/${plural}/${sub ?? ''}`);
    }
    assert.equal(allowed('system:kube-dns-not', 'list', '', 'services'), false, 'the role is bound to the one user name');
});
//# sourceMappingURL=apiserver-dns-authz.test.js.map