// Secret data and ConfigMap binaryData are decoded as Go decodes []byte: the same values refused, with
// the same offset in kube-apiserver's message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64ErrorOffset } from '../src/api/base64.js';
import { isApiError } from '../src/api/errors.js';
import { checkTypes } from '../src/apiserver/http/typecheck.js';
test('the offset Go reports for each kind of bad base64', () => {
    const cases = [
        ['', -1], ['aGk=', -1], ['aGkh', -1], ['aA==', -1], ['aGk=\n', -1], ['aG\r\nk=', -1],
        ['!!notbase64', 0], // a byte outside the alphabet
        ['abc', 0], // a quantum cut short, without padding
        ['ab=', 3], // half the padding
        ['a===', 1], // padding too early
        ['abc=d', 4], // something after the padding
        ['aGkhaG-=', 6],
    ];
    for (const [s, want] of cases)
        assert.equal(base64ErrorOffset(s), want, JSON.stringify(s));
});
test('a Secret whose data is not base64 cannot be decoded, as upstream says', () => {
    assert.throws(() => checkTypes('v1', 'Secret', { metadata: { name: 's' }, data: { a: 'aGk=', b: 'abc=d' } }), (e) => {
        assert.ok(isApiError(e, 'BadRequest'));
        assert.equal(e.message, 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
        return true;
    });
    assert.throws(() => checkTypes('v1', 'ConfigMap', { metadata: { name: 'c' }, binaryData: { a: '%' } }), /ConfigMap: illegal base64 data at input byte 0/);
    checkTypes('v1', 'ConfigMap', { metadata: { name: 'c' }, data: { a: '%' }, binaryData: { b: 'aGk=' } });
});
//# sourceMappingURL=api-base64.test.js.map