// CustomResourceDefinitions with the real kubectl (1.33 and 1.27) against a real server: a CRD is
// served at once (discovery, OpenAPI for explain and apply), its schema, defaults, pruning and CEL rules
// hold with upstream's error texts, status/scale subresources and printer columns work, a second version
// reads the same objects, and deleting the CRD removes its objects with it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './support/server.js';
import { kubectl } from './support/kubectl.js';
import { KUBECTL_VERSIONS, kubectlWithOwnCache } from './support/kubectl-versions.js';
import { apiFor } from './support/api.js';
import { until } from './support/wait.js';
import { withServer } from './support/suite.js';


function crd(group: string): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget, shortNames: [wdg], categories: [all] }
  versions:
  - name: v1beta1
    served: true
    storage: false
    schema:
      openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: { specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas }
    additionalPrinterColumns:
    - { name: Replicas, type: integer, jsonPath: .spec.replicas }
    - { name: Color, type: string, jsonPath: .spec.color, priority: 1 }
    - { name: Phase, type: string, jsonPath: .status.phase }
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            description: What the widget should be.
            required: [replicas]
            x-kubernetes-validations:
            - { rule: "self.replicas <= self.maxReplicas", message: "replicas must not exceed maxReplicas" }
            properties:
              replicas: { type: integer, minimum: 0, description: How many widgets to keep running. }
              maxReplicas: { type: integer, default: 10 }
              color: { type: string, enum: [red, green, blue], default: red }
          status:
            type: object
            properties:
              replicas: { type: integer }
              phase: { type: string }
`;
}

const widget = (group: string, name: string, spec: string) => `apiVersion: ${group}/v1\nkind: Widget\nmetadata: { name: ${name} }\nspec: ${spec}\n`;

describe('CustomResourceDefinition lifecycle with the real kubectl', () => {
  const srv = withServer();

  for (const [version, bin] of KUBECTL_VERSIONS) {
    test(`kubectl ${version}: create CRD → explain → apply → 422s → status → columns → delete CRD`, async () => {
      const group = `v${version!.replace('.', '-')}.example.com`;
      const k = kubectlWithOwnCache(srv.server.kubeconfig, bin);

      const created = await k(['create', '-f', '-'], crd(group));
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, new RegExp(`customresourcedefinition.apiextensions.k8s.io/widgets.${group} created`));
      const established = await k(['wait', '--for=condition=Established', `crd/widgets.${group}`, '--timeout=10s']);
      assert.equal(established.code, 0, established.stderr);
      const crds = await k(['get', 'crd', `widgets.${group}`]);
      assert.match(crds.stdout, /^NAME\s+CREATED AT\n/);

      const explained = await k(['explain', `widgets.${group}.spec`]);
      assert.equal(explained.code, 0, explained.stderr);
      assert.match(explained.stdout, /What the widget should be\./);
      assert.match(explained.stdout, /replicas\s+<integer> -required-\n\s+How many widgets to keep running\./);

      // kubectl apply validates strictly on the server: an unknown field is refused, as upstream.
      const unknown = await k(['apply', '-f', '-'], widget(group, 'w1', '{ replicas: 2, shape: round }'));
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.stderr, /Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.shape"/);
      const applied = await k(['apply', '-f', '-'], widget(group, 'w1', '{ replicas: 2 }'));
      assert.equal(applied.code, 0, applied.stderr);
      assert.match(applied.stdout, new RegExp(`widget.${group.replace(/\./g, '\\.')}/w1 created`));
      const again = await k(['apply', '-f', '-'], widget(group, 'w1', '{ replicas: 2 }'));
      assert.match(again.stdout, /w1 unchanged/);
      const stored = JSON.parse((await k(['get', `widgets.${group}`, 'w1', '-o', 'json'])).stdout);
      assert.deepEqual(stored.spec, { replicas: 2, maxReplicas: 10, color: 'red' }, 'defaults filled in');
      // Without client validation the unknown field is pruned instead.
      const pruned = await k(['create', '--validate=false', '-f', '-'], widget(group, 'w9', '{ replicas: 1, shape: round }'));
      assert.equal(pruned.code, 0, pruned.stderr);
      assert.equal(JSON.parse((await k(['get', `widgets.${group}`, 'w9', '-o', 'json'])).stdout).spec.shape, undefined);

      const badType = await k(['apply', '-f', '-'], widget(group, 'w2', '{ replicas: "three" }'));
      assert.notEqual(badType.code, 0);
      assert.match(badType.stderr, /The Widget "w2" is invalid: spec\.replicas: Invalid value: "string": spec\.replicas in body must be of type integer: "string"/);
      const badEnum = await k(['apply', '-f', '-'], widget(group, 'w2', '{ replicas: -1, color: pink }'));
      assert.match(badEnum.stderr, /spec\.color: Unsupported value: "pink": supported values: "red", "green", "blue"/);
      assert.match(badEnum.stderr, /spec\.replicas: Invalid value: -1: spec\.replicas in body should be greater than or equal to 0/);
      const missing = await k(['apply', '-f', '-'], widget(group, 'w2', '{ color: blue }'));
      assert.match(missing.stderr, /The Widget "w2" is invalid: spec\.replicas: Required value/);
      const cel = await k(['apply', '-f', '-'], widget(group, 'w2', '{ replicas: 11 }'));
      assert.match(cel.stderr, /The Widget "w2" is invalid: spec: Invalid value: "object": replicas must not exceed maxReplicas/);
      assert.equal((await k(['get', `widgets.${group}`, 'w2'])).code, 1, 'nothing invalid was stored');

      // Custom resources take no strategic merge patch (kubectl patch's default): 415 as upstream.
      const smp = await k(['patch', `widgets.${group}`, 'w1', '-p', '{"spec":{"color":"blue"}}']);
      assert.match(smp.stderr, /application\/strategic-merge-patch\+json is not supported/);
      assert.equal((await k(['patch', `widgets.${group}`, 'w1', '--type=merge', '-p', '{"spec":{"color":"blue"}}'])).code, 0);
      const jsonPatch = await k(['patch', `widgets.${group}`, 'w1', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":50}]']);
      assert.match(jsonPatch.stderr, /replicas must not exceed maxReplicas/);

      // status belongs to /status: the main resource cannot set it, the subresource can.
      await k(['patch', `widgets.${group}`, 'w1', '--type=merge', '-p', '{"status":{"phase":"Forged"}}']);
      assert.equal(JSON.parse((await k(['get', `widgets.${group}`, 'w1', '-o', 'json'])).stdout).status, undefined);
      const status = await srv.api.call('PATCH', `/apis/${group}/v1/namespaces/default/widgets/w1/status`, { status: { phase: 'Running', replicas: 2 } });
      assert.equal(status.status, 200, JSON.stringify(status.body));
      assert.equal((await k(['scale', `widgets.${group}`, 'w1', '--replicas=3'])).code, 0);

      const table = await k(['get', `widgets.${group}`]);
      assert.match(table.stdout, /^NAME\s+REPLICAS\s+PHASE\n/);
      assert.match(table.stdout, /\nw1\s+3\s+Running\n/);
      const wide = await k(['get', 'wdg', '-o', 'wide']);
      assert.match(wide.stdout, /^NAME\s+REPLICAS\s+COLOR\s+PHASE\n/);
      assert.match(wide.stdout, /\nw1\s+3\s+blue\s+Running\n/);
      // A CRD changed by kubectl apply is served changed at once: Color becomes a default column.
      const reapplied = await k(['apply', '-f', '-'], crd(group).replace('jsonPath: .spec.color, priority: 1', 'jsonPath: .spec.color'));
      assert.match(reapplied.stdout, /configured/, reapplied.stderr);
      assert.match((await k(['get', `widgets.${group}`])).stdout, /^NAME\s+REPLICAS\s+COLOR\s+PHASE\n/);
      const selected = await k(['get', `widgets.${group}`, '--field-selector', 'metadata.name=w9', '-o', 'name']);
      assert.equal(selected.stdout.trim(), `widget.${group}/w9`);

      // The other version reads the same objects, with its own apiVersion.
      const old = JSON.parse((await k(['get', `widgets.v1beta1.${group}`, 'w1', '-o', 'json'])).stdout);
      assert.equal(old.apiVersion, `${group}/v1beta1`);
      assert.equal(old.spec.replicas, 3);

      const deleted = await k(['delete', 'crd', `widgets.${group}`]);
      assert.equal(deleted.code, 0, deleted.stderr);
      const gone = await k(['get', '--raw', `/apis/${group}/v1/namespaces/default/widgets`]);
      assert.match(gone.stderr, /NotFound|the server could not find the requested resource/);
      // Created again, the kind starts empty: the objects were removed, not just hidden.
      assert.equal((await k(['create', '-f', '-'], crd(group))).code, 0);
      const list = await until('the recreated CRD to be served', async () => {
        const r = await srv.api.call('GET', `/apis/${group}/v1/namespaces/default/widgets`);
        return r.status === 200 ? r.body : undefined;
      }, 30_000, 20);
      assert.deepEqual(list.items, []);
      assert.equal((await k(['delete', 'crd', `widgets.${group}`])).code, 0);
    });
  }

  test('a watch sees custom resources come and go, and ends when its CRD is deleted', async () => {
    const group = 'watch.example.com';
    assert.equal((await kubectl(srv.server.kubeconfig, ['create', '-f', '-'], { input: crd(group) })).code, 0);
    await until('served', async () => (await srv.api.call('GET', `/apis/${group}/v1/widgets`)).status === 200, 30_000, 20);
    const ac = new AbortController();
    const events = await srv.api.watch(`/apis/${group}/v1/namespaces/default/widgets?watch=1&labelSelector=app%3Dweb`, ac.signal);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const ev of events) seen.push(`${ev.type} ${ev.object.metadata.name}`);
    })().catch(() => undefined);
    const body = (name: string, labels: object) => ({ apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name, labels }, spec: { replicas: 1 } });
    assert.equal((await srv.api.call('POST', `/apis/${group}/v1/namespaces/default/widgets`, body('a', { app: 'web' }))).status, 201);
    assert.equal((await srv.api.call('POST', `/apis/${group}/v1/namespaces/default/widgets`, body('b', { app: 'db' }))).status, 201);
    assert.equal((await srv.api.call('DELETE', `/apis/${group}/v1/namespaces/default/widgets/a`)).status, 200);
    await until('both events', () => seen.length >= 2, 30_000, 20);
    assert.deepEqual(seen, ['ADDED a', 'DELETED a']);
    assert.equal((await kubectl(srv.server.kubeconfig, ['delete', 'crd', `widgets.${group}`])).code, 0);
    // The watch ends once the kind is no longer served; on a loaded machine that can take seconds.
    await Promise.race([reading, new Promise((r) => setTimeout(r, 30_000))]);
    ac.abort();
    assert.equal((await srv.api.call('GET', `/apis/${group}/v1/widgets`)).status, 404);
  });

  test('a CRD that breaks the rules is refused with upstream texts, and changes nothing', async () => {
    const bad = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: things.nodot }
spec:
  group: nodot
  scope: Sideways
  names: { plural: things, kind: Thing }
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            properties: { size: { type: integer } }
            x-kubernetes-validations: [{ rule: "self.size >" }]
  - { name: v2, served: true, storage: true, schema: { openAPIV3Schema: { type: object } } }
`;
    const r = await kubectl(srv.server.kubeconfig, ['create', '-f', '-'], { input: bad });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /The CustomResourceDefinition "things.nodot" is invalid/);
    assert.match(r.stderr, /spec\.group: Invalid value: "nodot": should be a domain with at least one dot/);
    assert.match(r.stderr, /spec\.scope: Unsupported value: "Sideways": supported values: "Cluster", "Namespaced"/);
    assert.match(r.stderr, /spec\.versions\[0\]\.schema\.openAPIV3Schema\.properties\[spec\]\.type: Required value: must not be empty for specified object fields/);
    assert.match(r.stderr, /must have exactly one version marked as storage version/);
    const cel = await kubectl(srv.server.kubeconfig, ['create', '-f', '-'], { input: crd('cel.example.com').replace('self.replicas <= self.maxReplicas', 'self.replicas <= self.maxReplica') });
    assert.match(cel.stderr, /x-kubernetes-validations\[0\]\.rule: Invalid value: "self\.replicas <= self\.maxReplica": compilation failed: ERROR: <input>:1:\d+: undefined field 'maxReplica'/);
    const names = (await srv.api.call('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).body.items.map((c: { metadata: { name: string } }) => c.metadata.name);
    assert.ok(!names.includes('things.nodot') && !names.includes('widgets.cel.example.com'), names.join(','));
  });
});

test('CRDs and their objects are served again after a restart', async () => {
  const first = await startServer();
  const group = 'restart.example.com';
  let api = await apiFor(first.kubeconfig);
  let second: TestServer | undefined;
  try {
    assert.equal((await kubectl(first.kubeconfig, ['create', '-f', '-'], { input: crd(group) })).code, 0);
    await until('served', async () => (await api.call('GET', `/apis/${group}/v1/widgets`)).status === 200, 30_000, 20);
    const made = await api.call('POST', `/apis/${group}/v1/namespaces/default/widgets`, { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'kept' }, spec: { replicas: 4 } });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    api.close();
    await first.stop();
    second = await startServer({ dataDir: first.dataDir });
    api = await apiFor(second.kubeconfig);
    const got = await api.call('GET', `/apis/${group}/v1/namespaces/default/widgets/kept`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.spec, { replicas: 4, maxReplicas: 10, color: 'red' });
    const resources = await api.call('GET', `/apis/${group}/v1`);
    assert.deepEqual(resources.body.resources.map((r: { name: string }) => r.name), ['widgets', 'widgets/status', 'widgets/scale']);
  } finally {
    api.close();
    await (second ?? first).dispose();
  }
});
