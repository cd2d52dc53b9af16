// Bodies the API server cannot read as the kind its URL names fail in kube-apiserver's words, which
// kubectl's own shell tests check (`kubectl create --raw /api/v1/namespaces -f a-pod.yaml` must say "the
// object provided is unrecognized (must be of type Namespace)"); YAML sent as application/yaml decodes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, test } from 'node:test';
import { goJsonSyntaxError, summarizeBody } from '../src/api/gojson.js';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
test('Go\'s scanner reasons for documents that are not JSON', () => {
    const cases = [
        ['{"a":1}', undefined],
        [' [1, 2.5e-3, "x\\u00e9", true, false, null] ', undefined],
        ['apiVersion: v1', "invalid character 'a' looking for beginning of value"],
        ['', 'unexpected end of JSON input'],
        ['{"a":1', 'unexpected end of JSON input'],
        ['{"a" 1}', "invalid character '1' after object key"],
        ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
        ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
        ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
        ['[1 2]', "invalid character '2' after array element"],
        ['[1,]', "invalid character ']' looking for beginning of value"],
        ['{"a": tru}', "invalid character '}' in literal true (expecting 'e')"],
        ['nul', 'unexpected end of JSON input'],
        ['{"a":"x\ny"}', "invalid character '\\n' in string literal"],
        ['"\\q"', "invalid character 'q' in string escape code"],
        ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
        ['-x', "invalid character 'x' in numeric literal"],
        ['1.x', "invalid character 'x' after decimal point in numeric literal"],
        ['1e+', 'unexpected end of JSON input'],
        ['1ex', "invalid character 'x' in exponent of numeric literal"],
        ['01', "invalid character '1' after top-level value"],
        ['{} {}', "invalid character '{' after top-level value"],
        ["'a'", "invalid character '\\'' looking for beginning of value"],
        ['\t\u0001', "invalid character '\\x01' looking for beginning of value"],
    ];
    for (const [input, want] of cases)
        assert.equal(goJsonSyntaxError(Buffer.from(input)), want, JSON.stringify(input));
});
test('the start of an unreadable body, as kube-apiserver quotes it', () => {
    assert.equal(summarizeBody(Buffer.from('')), '<empty>');
    assert.equal(summarizeBody(Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n')), '61706956657273696f6e3a2076310a6b696e643a20506f640a6d65746164 ...');
    assert.equal(summarizeBody(Buffer.from('{"a": tru}')), '{"a": tru}');
});
describe('against a server', () => {
    const t = withServer();
    const work = mkdtempSync(join(tmpdir(), 'berth-decode-'));
    const KUBECTLS = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.27', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'].filter((k) => existsSync(k));
    const podYaml = join(work, 'valid-pod.yaml');
    writeFileSync(podYaml, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: valid-pod\nspec:\n  containers:\n  - name: c\n    image: busybox\n');
    for (const bin of KUBECTLS) {
        it(`kubectl ${bin.split('kubectl.')[1]} create --raw of a YAML Pod to namespaces is unrecognized, as core.sh checks`, async () => {
            const r = await kubectl(t.server.kubeconfig, ['create', '--raw', '/api/v1/namespaces', '-f', podYaml], { bin });
            assert.notEqual(r.code, 0);
            assert.equal(r.stderr.trim(), 'Error from server (BadRequest): the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: invalid character \'a\' looking for beginning of value (61706956657273696f6e3a2076310a6b696e643a20506f640a6d65746164 ...)');
        });
    }
    it('names the kind of a JSON body of another kind, before looking at its fields', async () => {
        const r = await t.api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } });
        assert.equal(r.status, 400);
        assert.equal(r.body.message, 'Pod in version "v1" cannot be handled as a Namespace: converting (v1.Pod) to (core.Namespace): unknown conversion');
        const d = await t.api.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } });
        assert.equal(d.body.message, 'Deployment in version "v1" cannot be handled as a ConfigMap: converting (v1.Deployment) to (core.ConfigMap): unknown conversion');
        const u = await t.api.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'Nonsense', metadata: { name: 'n' } });
        assert.match(u.body.message, /^Nonsense in version "v1" cannot be handled as a ConfigMap: no kind "Nonsense" is registered for version "v1" in scheme/);
    });
    it('refuses JSON that is not an object, and an empty body, in the same words', async () => {
        const a = await t.api.call('POST', '/api/v1/namespaces/default/configmaps', '[1]');
        assert.equal(a.status, 400);
        assert.equal(a.body.message, 'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b315d)');
        const e = await t.api.call('PUT', '/api/v1/namespaces/default/configmaps/x', '');
        assert.equal(e.body.message, 'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: unexpected end of JSON input (<empty>)');
    });
    it('decodes YAML sent as application/yaml, for create and update', async () => {
        const yaml = (v) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: "${v}"\n`;
        const c = await t.api.call('POST', '/api/v1/namespaces/default/configmaps', yaml('1'), { 'Content-Type': 'application/yaml' });
        assert.equal(c.status, 201, JSON.stringify(c.body));
        const u = await t.api.call('PUT', '/api/v1/namespaces/default/configmaps/from-yaml', yaml('2'), { 'Content-Type': 'application/yaml' });
        assert.equal(u.status, 200, JSON.stringify(u.body));
        assert.deepEqual(u.body.data, { a: '2' });
    });
});
//# sourceMappingURL=apiserver-decode-errors.test.js.map