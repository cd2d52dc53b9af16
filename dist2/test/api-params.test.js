// Boolean query parameters read as kube-apiserver reads them: the python client's `watch=True` streams,
// `watch=False` and `watch=0` list, and a bare `?watch` streams.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { flagParam, optionalFlagParam } from '../src/api/params.js';
import { pod } from './support/api.js';
import { withServer } from './support/suite.js';
test('absent, 0 and false in any case are false; every other value is true', () => {
    const cases = [
        ['', false], ['watch=true', true], ['watch=True', true], ['watch=TRUE', true], ['watch=1', true], ['watch=t', true],
        ['watch', true], ['watch=', true], ['watch=yes', true],
        ['watch=false', false], ['watch=False', false], ['watch=FALSE', false], ['watch=0', false],
    ];
    for (const [query, want] of cases)
        assert.equal(flagParam(new URLSearchParams(query), 'watch'), want, query);
    assert.equal(optionalFlagParam(new URLSearchParams(''), 'sendInitialEvents'), undefined);
    assert.equal(optionalFlagParam(new URLSearchParams('sendInitialEvents=False'), 'sendInitialEvents'), false);
});
describe('against a server', () => {
    const t = withServer();
    const P = '/api/v1/namespaces/default/pods';
    it('streams a watch for watch=True and lists for watch=False', async () => {
        assert.equal((await t.api.call('POST', P, pod('params-a'))).status, 201);
        const list = await t.api.call('GET', `${P}?watch=False`);
        assert.equal(list.body.kind, 'PodList');
        const ac = new AbortController();
        const events = await t.api.watch(`${P}?watch=True`, ac.signal);
        for await (const ev of events) {
            assert.equal(ev.type, 'ADDED');
            assert.equal(ev.object.metadata.name, 'params-a');
            break;
        }
        ac.abort();
    });
});
//# sourceMappingURL=api-params.test.js.map