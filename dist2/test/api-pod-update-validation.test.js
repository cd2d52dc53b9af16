import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDefaults } from '../src/api/defaults/index.js';
import { validateStatusUpdate, validateUpdate } from '../src/api/validation/index.js';
function stored() {
    const p = {
        metadata: { name: 'web', namespace: 'default', uid: 'u1' },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], activeDeadlineSeconds: 100, schedulingGates: [{ name: 'g1' }] },
    };
    applyDefaults('Pod', p);
    return p;
}
function changed(edit) {
    const p = structuredClone(stored());
    edit(p);
    return p;
}
const FORBIDDEN = 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
const firstLines = (p, old = stored()) => validateUpdate('Pod', p, old).map((c) => `${c.field}: ${c.message}`.split('\n')[0]);
test('pod updates may change only what upstream allows', () => {
    const cases = [
        ['unchanged', stored(), []],
        ['labels', changed((p) => (p.metadata.labels = { a: 'b' })), []],
        ['image', changed((p) => (p.spec.containers[0].image = 'nginx:1.28')), []],
        ['lower deadline', changed((p) => (p.spec.activeDeadlineSeconds = 50)), []],
        ['higher deadline', changed((p) => (p.spec.activeDeadlineSeconds = 200)), ['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']],
        ['unset deadline', changed((p) => delete p.spec.activeDeadlineSeconds), ['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']],
        ['add toleration', changed((p) => p.spec.tolerations.push({ key: 'k', operator: 'Exists' })), []],
        ['change toleration', changed((p) => (p.spec.tolerations[0].key = 'other')), ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']],
        ['toleration seconds', changed((p) => (p.spec.tolerations[0].tolerationSeconds = 10)), []],
        ['remove gate', changed((p) => (p.spec.schedulingGates = [])), []],
        ['add gate', changed((p) => p.spec.schedulingGates.push({ name: 'g2' })), ["spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'g2'"]],
        ['node name', changed((p) => (p.spec.nodeName = 'n1')), [FORBIDDEN]],
        ['restart policy', changed((p) => (p.spec.restartPolicy = 'Never')), [FORBIDDEN]],
        ['add container', changed((p) => p.spec.containers.push({ ...p.spec.containers[0], name: 'd' })), ['spec.containers: Forbidden: pod updates may not add or remove containers']],
        ['empty image', changed((p) => (p.spec.containers[0].image = '')), ['spec.containers[0].image: Required value', 'spec.containers[0].image: Required value']],
        ['gated nodeSelector addition', changed((p) => (p.spec.nodeSelector = { zone: 'a' })), []],
        ['rename', changed((p) => (p.metadata.name = 'other')), ['metadata.name: Invalid value: "other": field is immutable']],
    ];
    for (const [name, p, want] of cases)
        assert.deepEqual(firstLines(p), want, name);
});
test('a negative grace period may become 1', () => {
    const old = changed((p) => (p.spec.terminationGracePeriodSeconds = -1));
    assert.deepEqual(firstLines(changed((p) => (p.spec.terminationGracePeriodSeconds = 1)), old), []);
    assert.deepEqual(firstLines(changed((p) => (p.spec.terminationGracePeriodSeconds = 5)), old), [FORBIDDEN]);
});
test('status updates keep what the status may not change', () => {
    const running = changed((p) => {
        p.spec.restartPolicy = 'Never';
        p.status = { ...p.status, phase: 'Running', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0 } } }] };
    });
    const cases = [
        ['phase', changed((p) => { p.spec.restartPolicy = 'Never'; p.status = { ...running.status, phase: 'Succeeded' }; }), []],
        ['qos', changed((p) => { p.spec.restartPolicy = 'Never'; p.status = { ...running.status, qosClass: 'Guaranteed' }; }), ['status.qosClass: Invalid value: "Guaranteed": field is immutable']],
        ['nodeName', changed((p) => { p.spec.restartPolicy = 'Never'; p.spec.nodeName = 'n1'; p.status = running.status; }), ['status.nodeName: Forbidden: may not be changed directly']],
        ['restart terminated', changed((p) => {
                p.spec.restartPolicy = 'Never';
                p.status = { ...running.status, containerStatuses: [{ name: 'c', ready: true, restartCount: 1, image: '', imageID: '', state: { running: {} } }] };
            }), ['status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state']],
        ['pod IP', changed((p) => { p.spec.restartPolicy = 'Never'; p.status = { ...running.status, podIPs: [{ ip: 'x' }] }; }), ['status.podIPs[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    ];
    for (const [name, p, want] of cases)
        assert.deepEqual(validateStatusUpdate('Pod', p, running).map((c) => `${c.field}: ${c.message}`), want, name);
});
//# sourceMappingURL=api-pod-update-validation.test.js.map