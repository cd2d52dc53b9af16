// A Pod naming a RuntimeClass, PriorityClass or ResourceClaim — kinds berth does not serve yet — is
// refused on create with the words of upstream's admission plugins, never accepted and ignored; the
// built-in priority classes resolve to their values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unscheduledPod as pod } from './support/api.js';
import { withServer } from './support/suite.js';
const srv = withServer();
const P = '/api/v1/namespaces/default/pods';
const withSpec = (name, spec) => {
    const p = pod(name);
    return { ...p, spec: { ...p.spec, ...spec } };
};
describe('Pod references to kinds berth does not serve', () => {
    it('refuses them with 403 and stores nothing', async () => {
        const cases = [
            [{ runtimeClassName: 'gvisor' }, 'pods "ref" is forbidden: pod rejected: RuntimeClass "gvisor" not found'],
            [{ overhead: { cpu: '100m' } }, 'pods "ref" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead'],
            [{ priorityClassName: 'high' }, 'pods "ref" is forbidden: no PriorityClass with name high was found'],
            [{ priority: 7 }, 'pods "ref" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name'],
            [{ resourceClaims: [{ name: 'gpu', resourceClaimName: 'gpu-claim' }] }, 'pods "ref" is forbidden: resource claims are not supported by berth yet (no ResourceClaim API): gpu'],
        ];
        for (const [spec, message] of cases) {
            const r = await srv.api.call('POST', P, withSpec('ref', spec));
            assert.equal(r.status, 403, JSON.stringify(spec));
            assert.equal(r.body.reason, 'Forbidden');
            assert.equal(r.body.message, message);
            assert.equal((await srv.api.call('GET', `${P}/ref`)).status, 404);
        }
    });
    it('resolves the built-in priority classes as upstream does', async () => {
        const r = await srv.api.call('POST', P, withSpec('critical', { priorityClassName: 'system-node-critical' }));
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.spec.priority, 2000001000);
        assert.equal(r.body.spec.preemptionPolicy, 'PreemptLowerPriority');
        const zero = await srv.api.call('POST', P, withSpec('zero', { priority: 0 }));
        assert.equal(zero.status, 201);
    });
});
//# sourceMappingURL=apiserver-pod-references.test.js.map