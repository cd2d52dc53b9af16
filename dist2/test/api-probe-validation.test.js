// Probe defaults and validation as upstream's: one handler among exec, httpGet, tcpSocket and grpc; a gRPC port is
// a number in 1–65535; liveness and startup need successThreshold 1; a probe's own grace period is
// positive and is refused on readiness probes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDefaults } from '../src/api/defaults/index.js';
import { validateCreate } from '../src/api/validation/index.js';
function pod(container) {
    const p = { metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...container }] } };
    applyDefaults('Pod', p);
    return p;
}
const errors = (c) => validateCreate('Pod', pod(c)).map((x) => `${x.field}: ${x.message}`);
const at = 'spec.containers[0]';
test('gRPC probes are accepted with a port in range, with or without a service', () => {
    assert.deepEqual(errors({ livenessProbe: { grpc: { port: 9000 } } }), []);
    assert.deepEqual(errors({ readinessProbe: { grpc: { port: 9000, service: 'api' } }, startupProbe: { grpc: { port: 1 } } }), []);
    assert.deepEqual(errors({ readinessProbe: { grpc: { port: 0 } } }), [`${at}.readinessProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive`]);
    assert.deepEqual(errors({ livenessProbe: { grpc: { port: 70000 } } }), [`${at}.livenessProbe.grpc.port: Invalid value: 70000: must be between 1 and 65535, inclusive`]);
});
test('a probe has exactly one handler, and sleep is not one', () => {
    assert.deepEqual(errors({ livenessProbe: { exec: { command: ['true'] }, grpc: { port: 9000 } } }), [`${at}.livenessProbe.grpc: Forbidden: may not specify more than 1 handler type`]);
    assert.deepEqual(errors({ readinessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 }, grpc: { port: 80 } } }), [
        `${at}.readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type`,
        `${at}.readinessProbe.grpc: Forbidden: may not specify more than 1 handler type`,
    ]);
    assert.deepEqual(errors({ startupProbe: { sleep: { seconds: 1 } } }), [`${at}.startupProbe: Required value: must specify a handler type`]);
    assert.deepEqual(errors({ lifecycle: { preStop: { sleep: { seconds: 1 } } } }), [], 'sleep stays a lifecycle handler');
});
test('successThreshold must be 1 for liveness and startup, not for readiness', () => {
    const exec = { exec: { command: ['true'] } };
    assert.deepEqual(errors({ startupProbe: { ...exec, successThreshold: 3 } }), [`${at}.startupProbe.successThreshold: Invalid value: 3: must be 1`]);
    assert.deepEqual(errors({ livenessProbe: { ...exec, successThreshold: 2 } }), [`${at}.livenessProbe.successThreshold: Invalid value: 2: must be 1`]);
    assert.deepEqual(errors({ readinessProbe: { ...exec, successThreshold: 3 } }), []);
});
test('a probe-level terminationGracePeriodSeconds is positive, and only for liveness and startup', () => {
    const exec = { exec: { command: ['true'] } };
    assert.deepEqual(errors({ livenessProbe: { ...exec, terminationGracePeriodSeconds: 5 } }), []);
    assert.deepEqual(errors({ startupProbe: { ...exec, terminationGracePeriodSeconds: 0 } }), [`${at}.startupProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0`]);
    assert.deepEqual(errors({ readinessProbe: { ...exec, terminationGracePeriodSeconds: 5 } }), [`${at}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes`]);
});
test('a gRPC probe\'s service defaults to "" (kubectl describe relies on it), and a given one is kept', () => {
    assert.equal(pod({ livenessProbe: { grpc: { port: 9000 } } }).spec.containers[0].livenessProbe.grpc.service, '');
    assert.equal(pod({ readinessProbe: { grpc: { port: 9000, service: 'api' } } }).spec.containers[0].readinessProbe.grpc.service, 'api');
});
//# sourceMappingURL=api-probe-validation.test.js.map