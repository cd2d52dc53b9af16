// The RBAC authorizer against upstream's semantics, without a server: allow/deny tables for verbs,
// API groups and "*", resources with subresources ("pods/log", "*/scale"), resourceNames,
// non-resource URLs with a trailing "*", subjects (User, Group, ServiceAccount with its namespace
// defaulted to the binding's), RoleBindings held to their namespace, the default roles as aggregated,
// the exact Forbidden text, and the escalation check's coverage rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../src/api/errors.js';
import { authorize, authorizeNonResource } from '../src/apiserver/auth/authorize.js';
import { compactString, uncovered } from '../src/apiserver/auth/rbac-escalation.js';
import { rbacChain } from './support/rbac.js';
const G = 'rbac.authorization.k8s.io';
const role = (name, rules, namespace) => ({ apiVersion: `${G}/v1`, kind: namespace ? 'Role' : 'ClusterRole', metadata: { name, ...(namespace ? { namespace } : {}) }, rules });
const binding = (name, roleKind, roleName, subjects, namespace) => ({
    apiVersion: `${G}/v1`,
    kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: G, kind: roleKind, name: roleName },
    subjects: subjects.map((s) => ({ ...s, ...(s.kind === 'ServiceAccount' ? {} : { apiGroup: G }) })),
});
const jane = { name: 'jane', groups: ['system:authenticated'] };
function allowed(authz, user, verb, group, resource, opts = {}) {
    const [plural, subresource] = resource.split('/');
    try {
        authorize(user, { verb, resource: { group, plural: plural }, subresource, namespace: opts.ns, name: opts.name }, authz);
        return true;
    }
    catch (e) {
        assert.ok(e instanceof ApiError && e.code === 'Forbidden', String(e));
        return false;
    }
}
function pathAllowed(authz, user, verb, path) {
    try {
        authorizeNonResource(user, verb, path, authz);
        return true;
    }
    catch (e) {
        assert.ok(e instanceof ApiError && e.code === 'Forbidden', String(e));
        return false;
    }
}
describe('rule matching', () => {
    const authz = rbacChain([
        role('r', [
            { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] },
            { verbs: ['*'], apiGroups: ['apps'], resources: ['*/scale'] },
            { verbs: ['update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'] },
            { verbs: ['watch'], apiGroups: ['*'], resources: ['*'] },
            { verbs: ['get'], nonResourceURLs: ['/logs/*', '/exact'] },
        ]),
        binding('b', 'ClusterRole', 'r', [{ kind: 'User', name: 'jane' }]),
    ]);
    const table = [
        ['get', '', 'pods', { ns: 'a' }, true],
        ['list', '', 'pods', { ns: 'b' }, true],
        ['delete', '', 'pods', { ns: 'a', name: 'p' }, false],
        ['get', '', 'pods/log', { ns: 'a', name: 'p' }, true],
        ['get', '', 'pods/exec', { ns: 'a', name: 'p' }, false],
        ['get', 'apps', 'pods', { ns: 'a' }, false],
        ['update', 'apps', 'deployments/scale', { ns: 'a', name: 'd' }, true],
        ['patch', 'apps', 'statefulsets/scale', { ns: 'a', name: 's' }, true],
        ['update', 'apps', 'deployments', { ns: 'a', name: 'd' }, false],
        ['update', '', 'replicationcontrollers/scale', { ns: 'a', name: 'r' }, false],
        ['update', '', 'configmaps', { ns: 'a', name: 'app-config' }, true],
        ['update', '', 'configmaps', { ns: 'a', name: 'other' }, false],
        ['update', '', 'configmaps', { ns: 'a' }, false],
        ['watch', 'anything.example.com', 'widgets', {}, true],
        ['watch', '', 'secrets', { ns: 'a' }, true],
        ['get', '', 'secrets', { ns: 'a' }, false],
    ];
    for (const [verb, group, resource, opts, want] of table) {
        it(`${want ? 'allows' : 'refuses'} ${verb} ${group || 'core'}/${resource}${opts.name ? ` ${opts.name}` : ''}`, () => {
            assert.equal(allowed(authz, jane, verb, group, resource, opts), want);
        });
    }
    it('matches non-resource URLs exactly or by a prefix ending in "*"', () => {
        for (const [verb, path, want] of [['get', '/logs/', true], ['get', '/logs/kubelet.log', true], ['get', '/logs', false], ['get', '/exact', true],
            ['get', '/exact/more', false], ['post', '/logs/x', false], ['get', '/metrics', false]]) {
            assert.equal(pathAllowed(authz, jane, verb, path), want, `${verb} ${path}`);
        }
    });
    it('grants another user nothing', () => {
        assert.equal(allowed(authz, { name: 'joe', groups: ['system:authenticated'] }, 'get', '', 'pods', { ns: 'a' }), false);
    });
});
describe('subjects and scope', () => {
    const authz = rbacChain([
        role('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], 'team'),
        binding('by-group', 'Role', 'reader', [{ kind: 'Group', name: 'devs' }], 'team'),
        binding('by-sa', 'ClusterRole', 'view', [{ kind: 'ServiceAccount', name: 'bot' }], 'team'),
        binding('by-sa-elsewhere', 'ClusterRole', 'edit', [{ kind: 'ServiceAccount', name: 'bot', namespace: 'other' }], 'team'),
        binding('dangling', 'Role', 'missing', [{ kind: 'User', name: 'jane' }], 'team'),
    ]);
    const dev = { name: 'ann', groups: ['devs', 'system:authenticated'] };
    const bot = (ns) => ({ name: `system:serviceaccount:${ns}:bot`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] });
    it('a Group subject grants its members, in the binding namespace only', () => {
        assert.equal(allowed(authz, dev, 'get', '', 'secrets', { ns: 'team', name: 's' }), true);
        assert.equal(allowed(authz, dev, 'get', '', 'secrets', { ns: 'default', name: 's' }), false);
        assert.equal(allowed(authz, dev, 'get', '', 'secrets', { name: 's' }), false, 'nor across all namespaces');
    });
    it("a ServiceAccount subject without a namespace is the binding namespace's account", () => {
        assert.equal(allowed(authz, bot('team'), 'list', '', 'pods', { ns: 'team' }), true);
        assert.equal(allowed(authz, bot('team'), 'create', '', 'pods', { ns: 'team' }), false);
        assert.equal(allowed(authz, bot('other'), 'create', '', 'pods', { ns: 'team' }), true, 'other/bot is bound to edit in team');
        assert.equal(allowed(authz, bot('other'), 'list', '', 'pods', { ns: 'other' }), false);
    });
    it('refuses with the exact upstream text, and names a binding to a missing role as the reason', () => {
        assert.throws(() => authorize(jane, { verb: 'list', resource: { group: '', plural: 'pods' }, namespace: 'default' }, authz), {
            message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
        });
        assert.throws(() => authorize(jane, { verb: 'get', resource: { group: 'apps', plural: 'deployments' }, subresource: 'scale', namespace: 'team', name: 'd' }, authz), {
            message: 'deployments.apps "d" is forbidden: User "jane" cannot get resource "deployments/scale" in API group "apps" in the namespace "team": RBAC: role.rbac.authorization.k8s.io "missing" not found',
        });
        assert.throws(() => authorize(bot('team'), { verb: 'list', resource: { group: '', plural: 'nodes' } }, authz), {
            message: 'nodes is forbidden: User "system:serviceaccount:team:bot" cannot list resource "nodes" in API group "" at the cluster scope',
        });
    });
});
describe('the default policy', () => {
    const authz = rbacChain([
        binding('v', 'ClusterRole', 'view', [{ kind: 'User', name: 'viewer' }], 'ns'),
        binding('e', 'ClusterRole', 'edit', [{ kind: 'User', name: 'editor' }], 'ns'),
        binding('a', 'ClusterRole', 'admin', [{ kind: 'User', name: 'admin' }], 'ns'),
    ]);
    const u = (name) => ({ name, groups: ['system:authenticated'] });
    it('aggregates view into edit and edit into admin', () => {
        const rows = [
            // verb, group, resource, name, viewer, editor, admin
            ['list', '', 'pods', '', true, true, true],
            ['get', '', 'pods/log', 'p', true, true, true],
            ['get', '', 'secrets', 's', false, true, true],
            ['create', '', 'pods', '', false, true, true],
            ['create', '', 'pods/exec', 'p', false, true, true],
            ['update', 'apps', 'deployments/scale', 'd', false, true, true],
            ['create', G, 'rolebindings', '', false, false, true],
            ['update', '', 'resourcequotas', 'q', false, false, false],
        ];
        for (const [verb, group, resource, name, ...want] of rows) {
            const got = ['viewer', 'editor', 'admin'].map((who) => allowed(authz, u(who), verb, group, resource, { ns: 'ns', ...(name ? { name } : {}) }));
            assert.deepEqual(got, want, `${verb} ${resource}`);
        }
    });
    it('lets every authenticated user discover the API and review its own access, and no more', () => {
        assert.equal(pathAllowed(authz, jane, 'get', '/apis/apps/v1'), true);
        assert.equal(pathAllowed(authz, jane, 'get', '/openapi/v3'), true);
        assert.equal(pathAllowed(authz, jane, 'get', '/metrics'), false);
        assert.equal(pathAllowed(authz, jane, 'get', '/openid/v1/jwks'), false, 'issuer discovery is for service accounts');
        assert.equal(pathAllowed(authz, { name: 'system:serviceaccount:a:b', groups: ['system:serviceaccounts', 'system:authenticated'] }, 'get', '/openid/v1/jwks'), true);
        assert.equal(allowed(authz, jane, 'create', 'authorization.k8s.io', 'selfsubjectaccessreviews'), true);
        assert.equal(allowed(authz, jane, 'create', 'authorization.k8s.io', 'subjectaccessreviews'), false);
        assert.throws(() => authorizeNonResource(jane, 'get', '/metrics', authz), { message: 'forbidden: User "jane" cannot get path "/metrics"' });
    });
    it('binds cluster-admin to system:masters', () => {
        const { rules } = authz.rbac.rulesFor({ name: 'root', groups: ['system:masters'] }, 'x');
        assert.deepEqual(rules, [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]);
    });
});
describe('escalation coverage', () => {
    const owner = [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] },
        { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'] },
        { verbs: ['get'], nonResourceURLs: ['/healthz/*'] },
    ];
    it('covers what the owner holds, piece by piece', () => {
        assert.deepEqual(uncovered(owner, [{ verbs: ['list', 'get'], apiGroups: [''], resources: ['pods'] }]), []);
        assert.deepEqual(uncovered(owner, [{ verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'] }]), []);
        assert.deepEqual(uncovered(owner, [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['b'] }]), []);
        assert.deepEqual(uncovered(owner, [{ verbs: ['get'], nonResourceURLs: ['/healthz/etcd'] }]), []);
    });
    it('finds what it does not', () => {
        assert.deepEqual(uncovered(owner, [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }]), [{ apiGroups: [''], resources: ['pods'], verbs: ['delete'] }]);
        assert.equal(uncovered(owner, [{ verbs: ['update'], apiGroups: ['apps'], resources: ['deployments'] }]).length, 1);
        assert.equal(uncovered(owner, [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }]).length, 1, 'names held do not cover every name');
        assert.equal(uncovered(owner, [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }]).length, 1);
    });
    it('prints rules as upstream CompactString does', () => {
        assert.equal(compactString({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }), '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}');
        assert.equal(compactString({ nonResourceURLs: ['*'], verbs: ['*'] }), '{NonResourceURLs:["*"], Verbs:["*"]}');
    });
});
//# sourceMappingURL=rbac-authorizer.test.js.map