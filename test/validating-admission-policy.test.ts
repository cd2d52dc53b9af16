// ValidatingAdmissionPolicy with the real kubectl against a real server: the Kubernetes documentation's
// example (replicas <= 5 on Deployments, Deny in namespaces labelled environment=test) refuses with
// upstream's text only where bound, Warn prints kubectl's warning, a ConfigMap-parameterised policy reads
// its params, an expression that does not compile is refused at create, and failurePolicy decides what
// an evaluation error does; Audit writes upstream's annotation into the audit log; custom resources
// are admitted too.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './support/server.js';
import { kubectl, type KubectlResult } from './support/kubectl.js';
import { until } from './support/wait.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: demo-policy.example.com
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["deployments"]
  validations:
  - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: demo-binding-test.example.com
spec:
  policyName: demo-policy.example.com
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
`;

const DENIED = `deployments.apps "nginx" is forbidden: ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5`;

/** A policy on ConfigMaps labelled `check: <name>`, bound with the given actions. */
function configMapPolicy(name: string, body: string, binding: string): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: ${name} }
spec:
  matchConstraints:
    resourceRules:
    - { apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [configmaps] }
    objectSelector: { matchLabels: { check: ${name} } }
${body}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: ${name}-binding }
spec:
  policyName: ${name}
${binding}
`;
}

describe('ValidatingAdmissionPolicy with the real kubectl', () => {
  let server: TestServer;
  let auditLog: string;
  let k: (args: string[], input?: string) => Promise<KubectlResult>;
  before(async () => {
    auditLog = join(await mkdtemp(join(tmpdir(), 'berth-vap-')), 'audit.log');
    server = await startServer({ args: ['--audit-log', auditLog] });
    k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
  });
  after(async () => {
    await server?.dispose();
    if (auditLog) await rm(dirname(auditLog), { recursive: true, force: true });
  });

  const ok = (r: KubectlResult) => assert.equal(r.code, 0, r.stderr);
  const configMap = (name: string, check: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, labels: { check: ${check} } }\ndata: ${data}\n`;

  test("the documentation's example: Deny in environment=test namespaces only, with upstream's text", async () => {
    ok(await k(['apply', '-f', '-'], POLICY));
    const table = await k(['get', 'validatingadmissionpolicies']);
    assert.match(table.stdout, /^NAME\s+VALIDATIONS\s+PARAMKIND\s+AGE\n/);
    assert.match(table.stdout, /\ndemo-policy\.example\.com\s+1\s+<unset>\s+/);
    assert.match((await k(['get', 'validatingadmissionpolicybindings'])).stdout, /demo-binding-test\.example\.com\s+demo-policy\.example\.com\s+<unset>/);

    const explained = await k(['explain', 'validatingadmissionpolicies.spec.validations']);
    assert.match(explained.stdout, /expression\s+<string> -required-/);
    ok(await k(['create', 'namespace', 'test-ns']));
    ok(await k(['label', 'namespace', 'test-ns', 'environment=test']));
    ok(await k(['create', 'namespace', 'other-ns']));
    const refused = await k(['create', 'deployment', 'nginx', '--image=nginx', '--replicas=6', '-n', 'test-ns']);
    assert.notEqual(refused.code, 0);
    assert.equal(refused.stderr.trim(), `error: failed to create deployment: ${DENIED}`);
    assert.equal((await k(['get', 'deployment', 'nginx', '-n', 'test-ns'])).code, 1, 'nothing stored');

    ok(await k(['create', 'deployment', 'nginx', '--image=nginx', '--replicas=6', '-n', 'other-ns']));
    ok(await k(['create', 'deployment', 'nginx', '--image=nginx', '--replicas=5', '-n', 'test-ns']));
    // An update past the limit is refused too; deleting is not an operation the policy names.
    const scaled = await k(['patch', 'deployment', 'nginx', '-n', 'test-ns', '-p', '{"spec":{"replicas":7}}']);
    assert.match(scaled.stderr, /ValidatingAdmissionPolicy 'demo-policy\.example\.com' with binding 'demo-binding-test\.example\.com' denied request: failed expression: object\.spec\.replicas <= 5/);
    ok(await k(['delete', 'deployment', 'nginx', '-n', 'test-ns']));
  });

  test('the scale subresource is matched as deployments/scale and seen as an autoscaling/v1 Scale', async () => {
    ok(await k(['apply', '-f', '-'], `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: scale-limit }
spec:
  matchConstraints:
    resourceRules:
    - { apiGroups: [apps], apiVersions: [v1], operations: [UPDATE], resources: [deployments/scale] }
  validations:
  - expression: "request.kind.kind == 'Scale' && request.subResource == 'scale' && object.kind == 'Scale' && object.apiVersion == 'autoscaling/v1'"
    message: not seen as a Scale
  - expression: "object.spec.replicas <= 3"
    messageExpression: "'at most 3 replicas, not ' + string(object.spec.replicas) + ' (from ' + string(oldObject.spec.replicas) + ')'"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: scale-limit-binding }
spec:
  policyName: scale-limit
  validationActions: [Deny]
  matchResources: { namespaceSelector: { matchLabels: { scale: limited } } }
`));
    ok(await k(['create', 'namespace', 'scale-ns']));
    ok(await k(['label', 'namespace', 'scale-ns', 'scale=limited']));
    ok(await k(['create', 'deployment', 'web', '--image=nginx', '--replicas=2', '-n', 'scale-ns']));
    const refused = await k(['scale', 'deployment', 'web', '--replicas=4', '-n', 'scale-ns']);
    // A denial is 422 Invalid by default, which kubectl prints from its details (kind deployments/scale).
    assert.equal(refused.stderr.trim(), `The deployments/scale "web" is invalid: : ValidatingAdmissionPolicy 'scale-limit' with binding 'scale-limit-binding' denied request: at most 3 replicas, not 4 (from 2)`);
    assert.equal((await k(['get', 'deployment', 'web', '-n', 'scale-ns', '-o', 'jsonpath={.spec.replicas}'])).stdout, '2');
    ok(await k(['scale', 'deployment', 'web', '--replicas=3', '-n', 'scale-ns']));
    // The same change through the Deployment itself is not a scale request: the policy does not see it.
    ok(await k(['patch', 'deployment', 'web', '-n', 'scale-ns', '-p', '{"spec":{"replicas":4}}']));
    // And a policy on deployments does not see scale requests (demo-policy binds environment=test).
    ok(await k(['label', 'namespace', 'scale-ns', 'environment=test']));
    ok(await k(['label', 'namespace', 'scale-ns', 'scale-']));
    ok(await k(['scale', 'deployment', 'web', '--replicas=1', '-n', 'scale-ns']));
    ok(await k(['scale', 'deployment', 'web', '--replicas=9', '-n', 'scale-ns']));
    assert.equal((await k(['get', 'deployment', 'web', '-n', 'scale-ns', '-o', 'jsonpath={.spec.replicas}'])).stdout, '9');
  });

  test('Warn: the write goes through and kubectl prints the warning', async () => {
    ok(await k(['apply', '-f', '-'], configMapPolicy('warn-size', `  validations:\n  - expression: "size(object.data) <= 1"\n    messageExpression: "'too many keys in ' + namespaceObject.metadata.name + ' by ' + request.userInfo.username + ': ' + string(size(object.data))"`, '  validationActions: [Warn]')));
    const created = await k(['apply', '-f', '-'], configMap('wide', 'warn-size', '{ a: "1", b: "2" }'));
    ok(created);
    assert.match(created.stderr, /^Warning: Validation failed for ValidatingAdmissionPolicy 'warn-size' with binding 'warn-size-binding': too many keys in default by berth-admin: 2$/m);
    assert.match(created.stdout, /configmap\/wide created/);
  });

  test('Audit: the write goes through and its audit event carries the failure', async () => {
    ok(await k(['apply', '-f', '-'], configMapPolicy('audit-size', '  auditAnnotations:\n  - { key: keys, valueExpression: "string(size(object.data))" }\n  validations:\n  - expression: "true"\n  - expression: "size(object.data) <= 1"', '  validationActions: [Audit]')));
    const created = await k(['apply', '-f', '-'], configMap('audited', 'audit-size', '{ a: "1", b: "2" }'));
    ok(created);
    assert.doesNotMatch(created.stderr, /Warning/);
    const annotations = await until('the audit event of the ConfigMap', async () => {
      const lines = (await readFile(auditLog, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const hit = lines.find((e) => e.verb === 'create' && e.objectRef?.resource === 'configmaps' && e.annotations);
      return hit?.annotations as Record<string, string> | undefined;
    }, 60_000);
    assert.equal(annotations['audit-size/keys'], '2', 'the auditAnnotation, under the policy name');
    const annotation = annotations['validation.policy.admission.k8s.io/validation_failure']!;
    assert.deepEqual(JSON.parse(annotation), [{ message: 'failed expression: size(object.data) <= 1', policy: 'audit-size', binding: 'audit-size-binding', expressionIndex: 1, validationActions: ['Audit'] }]);
  });

  test('the authorizer variable checks as the requesting user, a named service account, or the request itself', async () => {
    const sa = "authorizer.serviceAccount('default', 'reader').group('').resource('secrets').namespace('default').check('get')";
    ok(await k(['apply', '-f', '-'], configMapPolicy('authz', `  validations:
  - expression: "authorizer.requestResource.check('create').allowed() && authorizer.path('/healthz').check('get').allowed() && !authorizer.group('apps').resource('deployments').check('delete').errored()"
    message: the requester was refused
  - expression: "${sa}.allowed()"
    messageExpression: "'reader may not get secrets: allowed=' + string(${sa}.allowed()) + ' error=' + ${sa}.error()"`, '  validationActions: [Deny]')));
    const refused = await k(['create', '-f', '-'], configMap('az1', 'authz', '{ a: "1" }'));
    assert.match(refused.stderr, /ValidatingAdmissionPolicy 'authz' with binding 'authz-binding' denied request: reader may not get secrets: allowed=false error=\n/);
    // Granted through RBAC, the same check passes.
    ok(await k(['create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', 'default']));
    ok(await k(['create', 'rolebinding', 'secret-reader', '--role=secret-reader', '--serviceaccount=default:reader', '-n', 'default']));
    await until('the grant to count', async () => (await k(['create', '-f', '-'], configMap('az1', 'authz', '{ a: "1" }'))).code === 0);
  });

  test('params: a ConfigMap named by the binding sets the limit', async () => {
    ok(await k(['create', 'configmap', 'limits', '--from-literal=max=3']));
    const policy = configMapPolicy(
      'param-max',
      `  paramKind: { apiVersion: v1, kind: ConfigMap }\n  variables:\n  - { name: limit, expression: "int(params.data.max)" }\n  validations:\n  - expression: "int(object.data.count) <= variables.limit"\n    message: "count is above the limit"\n    reason: Forbidden`,
      '  validationActions: [Deny]\n  paramRef: { name: limits, namespace: default, parameterNotFoundAction: Deny }',
    );
    ok(await k(['apply', '-f', '-'], policy));
    assert.match((await k(['get', 'validatingadmissionpolicy', 'param-max'])).stdout, /param-max\s+1\s+v1\/ConfigMap/);
    ok(await k(['apply', '-f', '-'], configMap('small', 'param-max', '{ count: "3" }')));
    const big = await k(['apply', '-f', '-'], configMap('big', 'param-max', '{ count: "4" }'));
    // The validation names its reason: 403, which kubectl apply prints as Forbidden.
    assert.match(big.stderr, /configmaps "big" is forbidden: ValidatingAdmissionPolicy 'param-max' with binding 'param-max-binding' denied request: count is above the limit/);
    // Without its param the binding denies, as parameterNotFoundAction says.
    ok(await k(['delete', 'configmap', 'limits']));
    const orphan = await k(['apply', '-f', '-'], configMap('small2', 'param-max', '{ count: "1" }'));
    assert.match(orphan.stderr, /denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction/);
  });

  test('an expression that does not compile is refused when the policy is created', async () => {
    const bad = await k(['apply', '-f', '-'], configMapPolicy('bad-cel', '  validations:\n  - expression: "object.data.size( <= 1"', '  validationActions: [Deny]').split('---')[0]!);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /The ValidatingAdmissionPolicy "bad-cel" is invalid: spec\.validations\[0\]\.expression: Invalid value: "object\.data\.size\( <= 1": compilation failed: ERROR: <input>:1:/);
    const unknown = await k(['apply', '-f', '-'], configMapPolicy('bad-fn', '  validations:\n  - expression: "nosuch(object)"', '  validationActions: [Deny]').split('---')[0]!);
    assert.match(unknown.stderr, /compilation failed: ERROR: <input>:1:1: undeclared reference to 'nosuch'/);
    assert.equal((await k(['get', 'validatingadmissionpolicy', 'bad-cel'])).code, 1);
    const binding = await k(['apply', '-f', '-'], `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: { name: b }\nspec: { policyName: p, validationActions: [Deny, Warn] }\n`);
    assert.match(binding.stderr, /spec\.validationActions: Invalid value: \["Deny","Warn"\]: must not contain both Deny and Warn/);
  });

  test('custom resources are admitted too', async () => {
    ok(await k(['apply', '-f', '-'], `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.vap.example.com }
spec:
  group: vap.example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
  - { name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } } }
`));
    ok(await k(['wait', '--for=condition=Established', 'crd/widgets.vap.example.com', '--timeout=10s']));
    ok(await k(['apply', '-f', '-'], `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: small-widgets }
spec:
  matchConstraints:
    resourceRules: [{ apiGroups: [vap.example.com], apiVersions: ["*"], operations: ["*"], resources: [widgets] }]
  validations: [{ expression: "request.operation == 'DELETE' || object.spec.size <= 3", messageExpression: "'widget ' + object.metadata.name + ' is too big'" }]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: small-widgets }
spec: { policyName: small-widgets, validationActions: [Deny] }
`));
    const widget = (size: number) => `apiVersion: vap.example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec: { size: ${size} }\n`;
    const big = await k(['create', '-f', '-'], widget(4));
    assert.match(big.stderr, /^The widgets "w" is invalid: : ValidatingAdmissionPolicy 'small-widgets' with binding 'small-widgets' denied request: widget w is too big/);
    ok(await k(['create', '-f', '-'], widget(3)));
    ok(await k(['delete', 'widgets.vap.example.com', 'w']));
  });

  test('failurePolicy: a runtime error denies under Fail and is ignored under Ignore', async () => {
    const body = (policy: string) => `  failurePolicy: ${policy}\n  validations:\n  - expression: "object.data.missing == 'x'"`;
    ok(await k(['apply', '-f', '-'], configMapPolicy('fail-closed', body('Fail'), '  validationActions: [Deny]')));
    ok(await k(['apply', '-f', '-'], configMapPolicy('fail-open', body('Ignore'), '  validationActions: [Deny]')));
    const closed = await k(['apply', '-f', '-'], configMap('c1', 'fail-closed', '{ a: "1" }'));
    // Reason Invalid (the default): kubectl apply prints upstream's `is invalid: : ` form.
    assert.match(closed.stderr, /^The configmaps "c1" is invalid: : ValidatingAdmissionPolicy 'fail-closed' with binding 'fail-closed-binding' denied request: expression 'object\.data\.missing == 'x'' resulted in error: /);
    assert.equal((await k(['get', 'configmap', 'c1'])).code, 1);
    ok(await k(['apply', '-f', '-'], configMap('c2', 'fail-open', '{ a: "1" }')));
  });
});
