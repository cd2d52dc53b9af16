// CRD selectableFields served as field selectors, with the real kubectl (1.33 and 1.27): list and watch
// filter on the declared fields (an absent field reads as ""), a field not declared for the version is
// refused 400 "field label not supported", as upstream's apiextensions-apiserver does.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { KUBECTL_VERSIONS, kubectlWithOwnCache } from './support/kubectl-versions.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';
import { widgetCrd } from './support/crd.js';

function crd(group: string): string {
  return widgetCrd(group, `  - name: v1
    served: true
    storage: true
    selectableFields:
    - { jsonPath: .spec.color }
    - { jsonPath: .spec.size }
    - { jsonPath: .spec.round }
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              color: { type: string }
              size: { type: integer }
              round: { type: boolean }
              shape: { type: string }
`);
}

const widget = (group: string, name: string, spec: string) => `apiVersion: ${group}/v1\nkind: Widget\nmetadata: { name: ${name} }\nspec: ${spec}\n---\n`;
const names = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => l.replace(/^.*\//, '')).sort();

describe('CRD selectableFields as field selectors', () => {
  const srv = withServer();

  for (const [version, bin] of KUBECTL_VERSIONS) {
    test(`kubectl ${version}: list and watch select on declared fields; undeclared ones are refused`, async () => {
      const group = `sf${version!.replace('.', '-')}.example.com`;
      const k = kubectlWithOwnCache(srv.server.kubeconfig, bin);
      const created = await k(['create', '-f', '-'], crd(group));
      assert.equal(created.code, 0, created.stderr);
      assert.equal((await k(['wait', '--for=condition=Established', `crd/widgets.${group}`, '--timeout=10s'])).code, 0);
      const stored = JSON.parse((await k(['get', 'crd', `widgets.${group}`, '-o', 'json'])).stdout);
      assert.deepEqual(stored.spec.versions[0].selectableFields, [{ jsonPath: '.spec.color' }, { jsonPath: '.spec.size' }, { jsonPath: '.spec.round' }]);

      const objs = widget(group, 'red-small', '{ color: red, size: 1, round: true }') + widget(group, 'red-big', '{ color: red, size: 10 }') + widget(group, 'blue', '{ color: blue, size: 1, round: false }') + widget(group, 'plain', '{ shape: square }');
      const applied = await k(['create', '-f', '-'], objs);
      assert.equal(applied.code, 0, applied.stderr);

      const get = async (selector: string) => {
        const r = await k(['get', `widgets.${group}`, '--field-selector', selector, '-o', 'name']);
        assert.equal(r.code, 0, r.stderr);
        return names(r.stdout);
      };
      assert.deepEqual(await get('spec.color=red'), ['red-big', 'red-small']);
      assert.deepEqual(await get('spec.color==red,spec.size=10'), ['red-big']);
      assert.deepEqual(await get('spec.color!=red'), ['blue', 'plain']);
      assert.deepEqual(await get('spec.size=1'), ['blue', 'red-small']);
      assert.deepEqual(await get('spec.round=true'), ['red-small']);
      assert.deepEqual(await get('spec.round=false'), ['blue']);
      // An absent field evaluates to the empty string.
      assert.deepEqual(await get('spec.color='), ['plain']);
      assert.deepEqual(await get('metadata.name=blue,spec.size=1'), ['blue']);

      // Fields not declared (even ones the schema has) are refused as upstream's field label conversion does.
      for (const bad of ['spec.shape=square', 'status.phase=x', '.spec.color=red']) {
        const r = await k(['get', `widgets.${group}`, '--field-selector', bad]);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, new RegExp(`Error from server \\(BadRequest\\): .*field label not supported: ${bad.split('=')[0]!.replace(/\./g, '\\.')}`));
      }
      const raw = await k(['get', '--raw', `/apis/${group}/v1/namespaces/default/widgets?fieldSelector=spec.shape%3Dsquare`]);
      assert.match(raw.stderr, /\(BadRequest\)/);

      // delete --field-selector (deletecollection) goes by the same fields.
      const deleted = await k(['delete', `widgets.${group}`, '--field-selector', 'spec.size=10']);
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.deepEqual(await get('spec.color=red'), ['red-small']);

      // A watch sees only what matches, including an object that comes to match (ADDED) and leaves (DELETED).
      const w = spawn(bin, ['--kubeconfig', srv.server.kubeconfig, 'get', `widgets.${group}`, '-w', '--field-selector', 'spec.color=green', '--output-watch-events', '--no-headers'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      w.stdout.on('data', (d: Buffer) => (out += d.toString()));
      w.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const seen = (what: string, re: RegExp) => until(what, () => re.test(out), 60_000).catch((e: Error) => assert.fail(`${e.message}; stdout:\n${out}\nstderr:\n${err}`));
      try {
        await new Promise((r) => setTimeout(r, 500));
        assert.equal((await k(['create', '-f', '-'], widget(group, 'green', '{ color: green }') + widget(group, 'grey', '{ color: grey }'))).code, 0);
        await seen('green added', /^ADDED\s+green\s/m);
        assert.equal((await k(['patch', `widgets.${group}`, 'blue', '--type=merge', '-p', '{"spec":{"color":"green"}}'])).code, 0);
        await seen('blue added on turning green', /^ADDED\s+blue\s/m);
        assert.equal((await k(['patch', `widgets.${group}`, 'green', '--type=merge', '-p', '{"spec":{"color":"red"}}'])).code, 0);
        await seen('green gone on turning red', /^DELETED\s+green\s/m);
        assert.doesNotMatch(out, /grey|red-small|plain/);
      } finally {
        w.kill();
      }
    });
  }
});
