// What a node's Service proxy (system:kube-proxy) may do: upstream's system:node-proxier role, read
// Services, Endpoints and EndpointSlices everywhere, read Nodes, write Events; nothing else, and
// nothing for a user of another name or in system:nodes alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../src/api/errors.js';
import { authorize } from '../src/apiserver/auth/authorize.js';
import { rbacChain } from './support/rbac.js';
const res = (group, plural) => ({ group, plural });
// The default policy, as a fresh server holds it.
const graph = rbacChain();
function allowed(user, verb, group, plural, namespace, subresource) {
    try {
        authorize({ name: user, groups: ['system:authenticated'] }, { verb, resource: res(group, plural), namespace, subresource }, graph);
        return true;
    }
    catch (e) {
        assert.ok(e instanceof ApiError && e.code === 'Forbidden', String(e));
        return false;
    }
}
test('system:kube-proxy reads Services and endpoints of every namespace, and nothing it need not', () => {
    for (const [verb, group, plural] of [['list', '', 'services'], ['watch', '', 'services'], ['watch', '', 'endpoints'], ['list', 'discovery.k8s.io', 'endpointslices'],
        ['watch', 'discovery.k8s.io', 'endpointslices'], ['get', '', 'nodes'], ['create', '', 'events'], ['patch', 'events.k8s.io', 'events']]) {
        assert.equal(allowed('system:kube-proxy', verb, group, plural), true, `${verb} ${group}/${plural}`);
    }
    for (const [verb, group, plural, sub] of [['list', '', 'pods'], ['get', '', 'secrets'], ['create', '', 'services'], ['update', 'discovery.k8s.io', 'endpointslices'],
        ['delete', '', 'services'], ['patch', '', 'services', 'status'], ['list', '', 'configmaps']]) {
        assert.equal(allowed('system:kube-proxy', verb, group, plural, 'default', sub), false, `${verb} ${group}/${plural}/${sub ?? ''}`);
    }
    assert.equal(allowed('system:kube-proxy-not', 'list', '', 'services'), false, 'the role is bound to the one user name');
});
//# sourceMappingURL=apiserver-proxier-authz.test.js.map