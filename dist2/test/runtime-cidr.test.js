// The CIDR arithmetic behind refusing a pod CIDR already in use on the host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlaps, parseCidr } from '../src/runtime/cni/cidr.js';
test('parseCidr takes IPv4 networks and interface addresses, and nothing else', () => {
    assert.deepEqual(parseCidr('10.88.0.0/16'), { base: (10 * 256 + 88) * 65536, prefix: 16 });
    assert.deepEqual(parseCidr('10.88.7.1/16'), parseCidr('10.88.0.0/16'), 'host bits are dropped');
    assert.deepEqual(parseCidr('0.0.0.0/0'), { base: 0, prefix: 0 });
    assert.deepEqual(parseCidr('255.255.255.255/32'), { base: 2 ** 32 - 1, prefix: 32 });
    for (const bad of ['10.88.0.0', '10.300.0.0/16', '10.88.0.0/33', '10.88.0/16', 'fd00::/64', '', '10.88.0.0/16 ']) {
        assert.equal(parseCidr(bad), null, bad);
    }
});
test('overlaps: nested and equal networks overlap, neighbours do not', () => {
    const o = (a, b) => overlaps(parseCidr(a), parseCidr(b));
    assert.equal(o('10.88.0.0/16', '10.88.0.1/16'), true);
    assert.equal(o('10.88.0.0/16', '10.88.5.0/24'), true);
    assert.equal(o('10.88.5.0/24', '10.88.0.0/16'), true);
    assert.equal(o('10.0.0.0/8', '10.150.3.1/24'), true);
    assert.equal(o('10.150.3.0/24', '10.151.3.0/24'), false);
    assert.equal(o('10.88.0.0/16', '10.89.0.0/16'), false);
    assert.equal(o('192.0.2.2/24', '10.88.0.0/16'), false);
});
//# sourceMappingURL=runtime-cidr.test.js.map