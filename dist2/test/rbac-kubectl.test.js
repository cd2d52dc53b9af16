// RBAC as a user meets it, against a real `berth server` (no kubelet) and the real kubectl (1.33 and
// 1.27): `kubectl create role|clusterrole|rolebinding|clusterrolebinding` and their tables; a user
// refused with upstream's exact Forbidden text until bound to view; `kubectl auth can-i [--list]`;
// escalation refused (binding cluster-admin, a Role granting more than held) unless `bind` is held;
// roleRef immutable; the aggregation controller; SubjectAccessReview's reason; a service account's
// rules through a token kubeconfig.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { kubeconfigYaml } from '../src/cli/kubeconfig.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';
const KUBECTL_127 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';
const KUBECTLS = [KUBECTL, KUBECTL_127, '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'].filter((b, i, all) => existsSync(b) && all.indexOf(b) === i);
const srv = withServer();
const admin = (args, input) => kubectl(srv.server.kubeconfig, args, input === undefined ? {} : { input });
/** A kubeconfig for a user with a client certificate signed by the cluster CA. */
async function userKubeconfig(name, groups = []) {
    const pki = join(srv.server.dataDir, 'pki');
    const pair = await issueCertificate(pki, `user-${name}`, { cn: name, orgs: groups }, 'client');
    const path = join(srv.server.dataDir, `${name}.kubeconfig`);
    await writeFile(path, kubeconfigYaml(srv.server.url, await readFile(join(pki, 'ca.crt'), 'utf8'), pair, name));
    return path;
}
async function ok(args, kubeconfig = srv.server.kubeconfig) {
    const r = await kubectl(kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
}
/** Whether user may do verb on group/resource in default, by the admin's SubjectAccessReview (kubectl sends an unserved resource's group as part of its name). */
async function reviewAllows(user, verb, group, resource) {
    // --validate=false: kubectl checks a create-only kind against the CRD list, which berth does not serve yet.
    const r = await admin(['create', '--validate=false', '-o', 'json', '-f', '-'], JSON.stringify({
        apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user, groups: ['system:authenticated'], resourceAttributes: { namespace: 'default', verb, group, resource } },
    }));
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).status.allowed === true;
}
/** What RBAC lets `as` do, as kubectl asks it: `kubectl auth can-i`. */
async function canI(kubeconfig, ...args) {
    return (await kubectl(kubeconfig, ['auth', 'can-i', ...args])).stdout.trim();
}
describe('a user with nothing, then view', () => {
    it('is refused with the exact text, lists once bound to view, and may not delete', async () => {
        const jane = await userKubeconfig('jane');
        const refused = await kubectl(jane, ['get', 'pods']);
        assert.equal(refused.code, 1);
        assert.equal(refused.stderr.trim(), 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
        assert.equal(await canI(jane, 'list', 'pods'), 'no');
        assert.equal((await ok(['create', 'rolebinding', 'jane-view', '--clusterrole=view', '--user=jane', '-n', 'default'])).trim(), 'rolebinding.rbac.authorization.k8s.io/jane-view created');
        await until('jane may list pods', async () => (await canI(jane, 'list', 'pods')) === 'yes');
        assert.equal((await kubectl(jane, ['get', 'pods'])).stderr.trim(), 'No resources found in default namespace.');
        const del = await kubectl(jane, ['delete', 'pod', 'web']);
        assert.equal(del.stderr.trim(), 'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"');
        assert.equal(await canI(jane, 'create', 'pods'), 'no');
        assert.equal(await canI(jane, 'get', 'pods', '-n', 'kube-system'), 'no', 'a RoleBinding grants in its namespace only');
        assert.equal(await canI(jane, 'get', 'secrets'), 'no', 'view does not read Secrets');
        const wide = await ok(['get', 'rolebindings', '-o', 'wide']);
        assert.match(wide, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n/);
        assert.match(wide, /\njane-view\s+ClusterRole\/view\s+\d+s\s+jane\s*\n/);
    });
    it('`kubectl auth can-i --list` prints what upstream prints for view, with kubectl 1.33 and 1.27', async () => {
        const viewer = await userKubeconfig('viewer');
        await ok(['create', 'rolebinding', 'viewer', '--clusterrole=view', '--user=viewer', '-n', 'default']);
        await until('viewer may list pods', async () => (await canI(viewer, 'list', 'pods')) === 'yes');
        const outputs = [];
        for (const bin of KUBECTLS) {
            const r = await kubectl(viewer, ['auth', 'can-i', '--list'], { bin });
            assert.equal(r.code, 0, r.stderr);
            outputs.push(r.stdout);
        }
        const lines = outputs[0].trimEnd().split('\n').map((l) => l.trimEnd().split(/\s{2,}/));
        assert.deepEqual(lines[0], ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
        const rows = new Map(lines.slice(1).filter((l) => l[0] !== '').map((l) => [l[0], l.slice(1)]));
        // Rows of upstream's system:basic-user and system:aggregate-to-view, as kubectl compacts them.
        assert.deepEqual(rows.get('selfsubjectaccessreviews.authorization.k8s.io'), ['[]', '[]', '[create]']);
        assert.deepEqual(rows.get('selfsubjectrulesreviews.authorization.k8s.io'), ['[]', '[]', '[create]']);
        for (const r of ['pods', 'pods/log', 'configmaps', 'services', 'namespaces', 'events', 'deployments.apps', 'deployments.apps/scale', 'jobs.batch', 'endpointslices.discovery.k8s.io', 'networkpolicies.networking.k8s.io', 'poddisruptionbudgets.policy']) {
            assert.deepEqual(rows.get(r), ['[]', '[]', '[get list watch]'], r);
        }
        assert.equal(rows.has('secrets'), false);
        assert.equal(rows.size, 59, [...rows.keys()].join(' '));
        const urls = lines.slice(1).filter((l) => l[0] === '').map((l) => l[1]);
        // system:discovery and system:public-info-viewer both grant the health and version paths: listed twice, as upstream lists them.
        assert.deepEqual(urls, ['[/api/*]', '[/api]', '[/apis/*]', '[/apis]', '[/healthz]', '[/healthz]', '[/livez]', '[/livez]', '[/openapi/*]', '[/openapi]', '[/readyz]', '[/readyz]', '[/version/]', '[/version/]', '[/version]', '[/version]']);
        for (const o of outputs.slice(1))
            assert.equal(o, outputs[0], 'every kubectl prints the same table');
    });
});
describe('kubectl create role, clusterrole, rolebinding, clusterrolebinding', () => {
    it('creates each (as protobuf) and lists them in their tables', async () => {
        assert.equal((await ok(['create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods,pods/log', '-n', 'default'])).trim(), 'role.rbac.authorization.k8s.io/pod-reader created');
        assert.equal((await ok(['create', 'clusterrole', 'node-reader', '--verb=get', '--resource=nodes', '--resource-name=n1'])).trim(), 'clusterrole.rbac.authorization.k8s.io/node-reader created');
        assert.equal((await ok(['create', 'clusterrole', 'urls', '--verb=get', '--non-resource-url=/logs/*'])).trim(), 'clusterrole.rbac.authorization.k8s.io/urls created');
        await ok(['create', 'rolebinding', 'readers', '--role=pod-reader', '--group=devs', '--serviceaccount=default:bot', '-n', 'default']);
        await ok(['create', 'clusterrolebinding', 'node-readers', '--clusterrole=node-reader', '--user=ann', '--serviceaccount=kube-system:agent']);
        const role = JSON.parse(await ok(['get', 'role', 'pod-reader', '-o', 'json']));
        assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }]);
        const crb = JSON.parse(await ok(['get', 'clusterrolebinding', 'node-readers', '-o', 'json']));
        assert.deepEqual(crb.subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'ann' }, { kind: 'ServiceAccount', name: 'agent', namespace: 'kube-system' }]);
        assert.match(await ok(['get', 'roles']), /^NAME\s+CREATED AT\npod-reader\s+\d{4}-\d\d-\d\dT/);
        assert.match(await ok(['get', 'clusterrolebindings', 'node-readers', '-o', 'wide']), /node-readers\s+ClusterRole\/node-reader\s+\d+s\s+ann\s+kube-system\/agent/);
        const defaults = await ok(['get', 'clusterroles', '-o', 'name']);
        for (const r of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:node-proxier', 'system:service-account-issuer-discovery']) {
            assert.ok(defaults.includes(`clusterrole.rbac.authorization.k8s.io/${r}\n`), r);
        }
    });
    it('refuses what upstream validation refuses, and a changed roleRef', async () => {
        const bad = await admin(['create', '-f', '-'], JSON.stringify({
            apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'bad', namespace: 'default' },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Robot', name: 'r2' }, { kind: 'User', name: 'u', apiGroup: 'x' }],
        }));
        assert.equal(bad.stderr.trim(), 'The RoleBinding "bad" is invalid: \n* subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"\n* subjects[1].apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"');
        const urlsInRole = await admin(['create', 'role', 'r', '--verb=get', '--resource=pods', '-n', 'default', '--dry-run=server', '-o', 'name']);
        assert.equal(urlsInRole.code, 0, urlsInRole.stderr);
        await ok(['create', 'rolebinding', 'fixed', '--clusterrole=view', '--user=u', '-n', 'default']);
        const changed = await admin(['patch', 'rolebinding', 'fixed', '--type=merge', '-p', '{"roleRef":{"name":"edit"}}']);
        assert.equal(changed.stderr.trim(), 'The RoleBinding "fixed" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef');
    });
});
describe('escalation', () => {
    it('a namespace admin may not bind cluster-admin or grant rules it lacks, but may grant what it holds, and bind what it may `bind`', async () => {
        await ok(['create', 'namespace', 'team']);
        const lead = await userKubeconfig('lead');
        await ok(['create', 'rolebinding', 'lead-admin', '--clusterrole=admin', '--user=lead', '-n', 'team']);
        await until('lead is admin of team', async () => (await canI(lead, 'create', 'rolebindings', '-n', 'team')) === 'yes');
        const bindAdmin = await kubectl(lead, ['create', 'rolebinding', 'root', '--clusterrole=cluster-admin', '--user=lead', '-n', 'team']);
        assert.equal(bindAdmin.code, 1);
        assert.equal(bindAdmin.stderr.trim(), 'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "root" is forbidden: user "lead" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}');
        const moreRole = await kubectl(lead, ['create', 'role', 'nodes', '--verb=get,list', '--resource=pods,nodes', '-n', 'team']);
        assert.equal(moreRole.stderr.trim(), 'Error from server (Forbidden): roles.rbac.authorization.k8s.io "nodes" is forbidden: user "lead" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}');
        assert.equal((await ok(['create', 'role', 'runner', '--verb=get,create', '--resource=pods,pods/exec', '-n', 'team'], lead)).trim(), 'role.rbac.authorization.k8s.io/runner created');
        assert.equal((await ok(['create', 'rolebinding', 'editors', '--clusterrole=edit', '--group=devs', '-n', 'team'], lead)).trim(), 'rolebinding.rbac.authorization.k8s.io/editors created');
        assert.equal((await kubectl(lead, ['create', 'rolebinding', 'x', '--clusterrole=nonesuch', '--user=a', '-n', 'team'])).stderr.trim(), 'error: failed to create rolebinding: clusterroles.rbac.authorization.k8s.io "nonesuch" not found');
        // `bind` on cluster-admin, granted by name, lets lead bind it (in team) without holding it.
        await ok(['create', 'clusterrole', 'bind-root', '--verb=bind', '--resource=clusterroles', '--resource-name=cluster-admin']);
        await ok(['create', 'rolebinding', 'lead-bind', '--clusterrole=bind-root', '--user=lead', '-n', 'team']);
        await until('lead may bind cluster-admin', async () => (await canI(lead, 'bind', 'clusterroles/cluster-admin', '-n', 'team')) === 'yes');
        assert.equal((await ok(['create', 'rolebinding', 'root', '--clusterrole=cluster-admin', '--user=lead', '-n', 'team'], lead)).trim(), 'rolebinding.rbac.authorization.k8s.io/root created');
        assert.equal((await kubectl(lead, ['create', 'clusterrolebinding', 'root', '--clusterrole=cluster-admin', '--user=lead'])).code, 1, 'but not cluster-wide');
    });
});
describe('aggregation', () => {
    it('fills an aggregated ClusterRole from the roles its selectors match, and follows them', async () => {
        await ok(['create', 'clusterrole', 'monitoring', '--aggregation-rule=team=monitoring']);
        await ok(['create', 'clusterrole', 'metrics-reader', '--verb=get', '--resource=pods']);
        await ok(['label', 'clusterrole', 'metrics-reader', 'team=monitoring']);
        const rules = async () => JSON.stringify(JSON.parse(await ok(['get', 'clusterrole', 'monitoring', '-o', 'json'])).rules ?? []);
        await until('monitoring aggregates metrics-reader', async () => (await rules()) === JSON.stringify([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]));
        await ok(['label', 'clusterrole', 'metrics-reader', 'team-']);
        await until('and lets go of it', async () => (await rules()) === '[]');
        // A CRD's author extends view by labelling a role: view users may then read the new kind.
        await ok(['create', 'rolebinding', 'crd-viewer', '--clusterrole=view', '--user=crd-viewer', '-n', 'default']);
        // (kubectl create clusterrole checks resources against discovery; widgets are not served.)
        const widgets = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'widgets-view' }, rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] }] };
        assert.equal((await admin(['create', '-f', '-'], JSON.stringify(widgets))).code, 0);
        assert.equal(await reviewAllows('crd-viewer', 'list', 'example.com', 'widgets'), false);
        await ok(['label', 'clusterrole', 'widgets-view', 'rbac.authorization.k8s.io/aggregate-to-view=true']);
        await until('view takes in widgets', () => reviewAllows('crd-viewer', 'list', 'example.com', 'widgets'));
        await until('and so do edit and admin', async () => JSON.parse(await ok(['get', 'clusterrole', 'admin', '-o', 'json'])).rules.some((r) => r.resources?.includes('widgets')));
    });
});
describe('access reviews', () => {
    it('SubjectAccessReview answers for another user, with the binding that allowed it', async () => {
        await ok(['create', 'rolebinding', 'sar-view', '--clusterrole=view', '--user=sam', '-n', 'default']);
        const review = (verb) => admin(['create', '--validate=false', '-o', 'json', '-f', '-'], JSON.stringify({
            apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'sam', groups: ['system:authenticated'], resourceAttributes: { namespace: 'default', verb, resource: 'pods' } },
        }));
        await until('sam may list', async () => JSON.parse((await review('list')).stdout).status.allowed === true);
        assert.deepEqual(JSON.parse((await review('list')).stdout).status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "sar-view/default" of ClusterRole "view" to User "sam"' });
        assert.deepEqual(JSON.parse((await review('delete')).stdout).status, { allowed: false });
        const invalid = await admin(['create', '--validate=false', '-f', '-'], JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } }));
        assert.equal(invalid.stderr.trim(), 'The SubjectAccessReview "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified');
    });
    it("a service account's rules, through a kubeconfig holding its token", async () => {
        await ok(['create', 'rolebinding', 'default-view', '--clusterrole=view', '--serviceaccount=default:default', '-n', 'default']);
        const token = (await ok(['create', 'token', 'default'])).trim();
        const ca = await readFile(join(srv.server.dataDir, 'pki', 'ca.crt'), 'utf8');
        const kc = join(await mkdtemp(join(tmpdir(), 'berth-rbac-sa-')), 'config');
        await writeFile(kc, [
            'apiVersion: v1', 'kind: Config', 'current-context: sa',
            `clusters: [{name: berth, cluster: {server: "${srv.server.url}", certificate-authority-data: ${Buffer.from(ca).toString('base64')}}}]`,
            `users: [{name: sa, user: {token: "${token}"}}]`, 'contexts: [{name: sa, context: {cluster: berth, user: sa, namespace: default}}]', '',
        ].join('\n'));
        await until('the account may list pods', async () => (await canI(kc, 'list', 'pods')) === 'yes');
        const list = await ok(['auth', 'can-i', '--list'], kc);
        // The admin asking as the account (impersonation, which adds the account's groups) sees the account's own table.
        assert.equal(await ok(['auth', 'can-i', '--list', '--as', 'system:serviceaccount:default:default']), list);
        assert.equal((await kubectl(srv.server.kubeconfig, ['auth', 'can-i', 'delete', 'pods', '--as', 'system:serviceaccount:default:default'])).stdout.trim(), 'no');
        assert.match(list, /\npods\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
        assert.match(list, /\n\s+\[\/\.well-known\/openid-configuration\]\s+\[\]\s+\[get\]\n/, 'issuer discovery, as system:serviceaccounts');
        assert.equal(await canI(kc, 'delete', 'pods'), 'no');
    });
});
//# sourceMappingURL=rbac-kubectl.test.js.map