// apps/v1 Deployments and ReplicaSets as the API serves them, driven by the real kubectl against a
// server without controllers' effects mattering: defaults, upstream's validation errors, the scale
// subresource, Tables with upstream's columns, short names and `kubectl get all`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
const srv = withServer();
const k = (args, input) => kubectl(srv.server.kubeconfig, args, input === undefined ? {} : { input });
const D = '/apis/apps/v1/namespaces/default/deployments';
const RS = '/apis/apps/v1/namespaces/default/replicasets';
const lines = (s) => s.trimEnd().split('\n');
const header = (s) => lines(s)[0].trim().split(/\s{2,}/);
function deployment(name, spec = {}) {
    return {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
        spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
    };
}
describe('apps/v1 Deployments and ReplicaSets', () => {
    it('kubectl create deployment (a protobuf body) stores upstream defaults', async () => {
        const r = await k(['create', 'deployment', 'web', '--image=busybox', '--replicas=3', '--', 'sleep', '3600']);
        assert.equal(r.code, 0, r.stderr);
        const d = (await srv.api.call('GET', `${D}/web`)).body;
        assert.equal(d.spec.replicas, 3);
        assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
        assert.equal(d.spec.revisionHistoryLimit, 10);
        assert.equal(d.spec.progressDeadlineSeconds, 600);
        assert.deepEqual(d.spec.template.spec.containers[0].command, ['sleep', '3600']);
        assert.equal(d.spec.template.spec.restartPolicy, 'Always');
        assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'Always');
        // Go's omitempty: a false bool sent in protobuf is absent in JSON, as upstream serves it.
        assert.equal(d.spec.paused, undefined);
        assert.equal(d.spec.template.spec.hostNetwork, undefined);
        // Template defaults stop where admission would start: no service account or tolerations.
        assert.equal(d.spec.template.spec.serviceAccountName, undefined);
        assert.equal(d.spec.template.spec.tolerations, undefined);
        assert.equal(d.metadata.generation, 1);
    });
    it('refuses what upstream refuses, with its messages', async () => {
        const cases = [
            [{ ...deployment('a'), spec: { template: deployment('a').spec.template } }, /spec\.selector: Required value/],
            [deployment('b', { selector: { matchLabels: { app: 'other' } } }), /spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`/],
            [deployment('c', { selector: {} }), /spec\.selector: Invalid value: .*empty selector is invalid for deployment/],
            [deployment('d', { replicas: -1 }), /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/],
            [deployment('e', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }), /spec\.strategy\.rollingUpdate\.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0/],
            [deployment('f', { strategy: { type: 'Recreate', rollingUpdate: {} } }), /spec\.strategy\.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'/],
            [deployment('g', { strategy: { type: 'Sometimes' } }), /spec\.strategy\.type: Unsupported value: "Sometimes": supported values: "Recreate", "RollingUpdate"/],
            [deployment('h', { progressDeadlineSeconds: 5, minReadySeconds: 10 }), /spec\.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds/],
            [deployment('i', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '120%' } } }), /maxUnavailable: Invalid value: "120%": must not be greater than 100%/],
        ];
        cases[1][0].spec.template.spec.restartPolicy = 'Never';
        for (const [body, want] of cases) {
            const r = await srv.api.call('POST', D, body);
            assert.equal(r.status, 422, JSON.stringify(r.body));
            assert.match(r.body.message, want);
            assert.match(r.body.message, /^Deployment\.apps "[a-i]" is invalid: /);
        }
        const never = await srv.api.call('POST', D, cases[1][0]);
        assert.match(never.body.message, /spec\.template\.spec\.restartPolicy: Unsupported value: "Never": supported values: "Always"/);
        assert.equal((await srv.api.call('GET', D)).body.items.length, 1, 'nothing but web was stored');
    });
    it('the selector is immutable; replicas, template and strategy are not', async () => {
        const r = await srv.api.call('PATCH', `${D}/web`, { spec: { selector: { matchLabels: { app: 'web', tier: 'x' } }, template: { metadata: { labels: { app: 'web', tier: 'x' } } } } });
        assert.equal(r.status, 422);
        assert.match(r.body.message, /spec\.selector: Invalid value: .*: field is immutable/);
        const ok = await srv.api.call('PATCH', `${D}/web`, { spec: { minReadySeconds: 1 } });
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
        assert.equal(ok.body.metadata.generation, 2);
    });
    it('kubectl scale writes spec.replicas through the scale subresource; a negative count is refused', async () => {
        const r = await k(['scale', 'deploy', 'web', '--replicas=5']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'deployment.apps/web scaled');
        assert.equal((await srv.api.call('GET', `${D}/web`)).body.spec.replicas, 5);
        const scale = (await srv.api.call('GET', `${D}/web/scale`)).body;
        assert.deepEqual({ kind: scale.kind, apiVersion: scale.apiVersion, spec: scale.spec, selector: scale.status.selector }, { kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 5 }, selector: 'app=web' });
        const stale = await srv.api.call('PUT', `${D}/web/scale`, { ...scale, metadata: { name: 'web', resourceVersion: '1' }, spec: { replicas: 2 } });
        assert.equal(stale.status, 409);
        assert.match(stale.body.message, /the object has been modified/);
        const neg = await srv.api.call('PUT', `${D}/web/scale`, { ...scale, metadata: { name: 'web' }, spec: { replicas: -2 } });
        assert.equal(neg.status, 422);
        assert.match(neg.body.message, /^Scale\.autoscaling "web" is invalid: spec\.replicas: Invalid value: -2: must be greater than or equal to 0/);
    });
    it('ReplicaSets: created from YAML, listed with DESIRED CURRENT READY, -o wide adds CONTAINERS IMAGES SELECTOR', async () => {
        const yaml = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: front}
spec:
  replicas: 2
  selector: {matchExpressions: [{key: tier, operator: In, values: [front, edge]}]}
  template:
    metadata: {labels: {tier: front}}
    spec: {containers: [{name: nginx, image: nginx}, {name: side, image: busybox}]}
`;
        const r = await k(['apply', '-f', '-'], yaml);
        assert.equal(r.code, 0, r.stderr);
        const get = await k(['get', 'rs']);
        assert.deepEqual(header(get.stdout), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
        assert.match(get.stdout, /^front\s+2\s+\d+\s+\d+\s+\d+s$/m);
        const wide = await k(['get', 'rs', 'front', '-o', 'wide']);
        assert.deepEqual(header(wide.stdout), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
        assert.match(wide.stdout, /nginx,side\s+nginx,busybox\s+tier in \(edge,front\)$/m);
        const deploys = await k(['get', 'deploy', '-o', 'wide']);
        assert.deepEqual(header(deploys.stdout), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
        assert.match(deploys.stdout, /^web\s+\d+\/5\s+\d+\s+\d+\s+\S+\s+busybox\s+busybox\s+app=web$/m);
        const bad = await srv.api.call('POST', RS, { metadata: { name: 'bad' }, spec: { selector: { matchExpressions: [{ key: 'a', operator: 'In' }] }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } });
        assert.equal(bad.status, 422);
        assert.match(bad.body.message, /spec\.selector\.matchExpressions\[0\]\.values: Required value: must be specified when `operator` is 'In' or 'NotIn'/);
    });
    it('server-side apply matches a port without protocol to the live one defaulted to TCP', async () => {
        const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: ported}
spec:
  selector: {matchLabels: {app: ported}}
  template:
    metadata: {labels: {app: ported}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}
`;
        assert.equal((await k(['apply', '--server-side', '-f', '-'], yaml)).code, 0);
        const r = await k(['apply', '--server-side', '-f', '-'], yaml);
        assert.equal(r.code, 0, r.stderr);
        const d = (await srv.api.call('GET', `${D}/ported`)).body;
        assert.deepEqual(d.spec.template.spec.containers[0].ports, [{ containerPort: 80, protocol: 'TCP' }]);
        assert.equal(d.metadata.generation, 1, 'the second apply changed nothing');
        assert.equal((await srv.api.call('DELETE', `${D}/ported`)).status, 200);
    });
    it('kubectl apply switches the strategy to Recreate: strategy merges with retainKeys, as upstream', async () => {
        const yaml = (strategy) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: switch}
spec:
  ${strategy}
  selector: {matchLabels: {app: switch}}
  template:
    metadata: {labels: {app: switch}}
    spec: {containers: [{name: c, image: busybox}]}
`;
        assert.equal((await k(['apply', '-f', '-'], yaml('strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}'))).code, 0);
        const r = await k(['apply', '-f', '-'], yaml('strategy: {type: Recreate}'));
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual((await srv.api.call('GET', `${D}/switch`)).body.spec.strategy, { type: 'Recreate' });
        assert.equal((await srv.api.call('DELETE', `${D}/switch`)).status, 200);
    });
    it('kubectl get all shows deployments and replicasets beside pods; explain knows the kinds', async () => {
        const r = await k(['get', 'all']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^deployment\.apps\/web\s/m);
        assert.match(r.stdout, /^replicaset\.apps\/front\s/m);
        const names = await k(['get', 'deploy,rs', '-o', 'name']);
        assert.match(names.stdout, /^deployment\.apps\/web$/m);
        const explain = await k(['explain', 'deployment.spec.strategy']);
        assert.equal(explain.code, 0, explain.stderr);
        assert.match(explain.stdout, /rollingUpdate/);
    });
});
//# sourceMappingURL=workloads-api.test.js.map