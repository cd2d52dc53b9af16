// Validation of the Pod's confinement fields and of in-place resize, and the RuntimeDefault seccomp
// filter a container gets: pure functions, no server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDefaults } from '../src/api/defaults/index.js';
import { validateCreate } from '../src/api/validation/index.js';
import { applyResize, validatePodResize } from '../src/api/validation/podResize.js';
import { runtimeDefaultSeccomp } from '../src/runtime/runc/seccomp.js';
function pod(spec = {}, container = {}) {
    const p = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox', ...container }], ...spec } };
    applyDefaults('Pod', p);
    return p;
}
const errors = (p) => validateCreate('Pod', p).map((c) => `${c.field}: ${c.message}`);
test('seccompProfile and appArmorProfile: types, localhostProfile rules, pod and container level', () => {
    const cases = [
        ['runtime default', pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' } } }), []],
        ['localhost', pod({}, { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p/a.json' }, appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-x' } } }), []],
        ['seccomp no type', pod({ securityContext: { seccompProfile: {} } }), ['spec.securityContext.seccompProfile.type: Required value: type is required when seccompProfile is set']],
        ['seccomp localhost missing', pod({}, { securityContext: { seccompProfile: { type: 'Localhost' } } }), ['spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost']],
        ['seccomp absolute', pod({}, { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: '/etc/x' } } }), ['spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: "/etc/x": must be a relative path']],
        ['seccomp dotdot', pod({}, { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: '../x' } } }), ["spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: \"../x\": must not contain '..'"]],
        ['apparmor bad type', pod({ securityContext: { appArmorProfile: { type: 'Strict' } } }), ['spec.securityContext.appArmorProfile.type: Unsupported value: "Strict": supported values: "Localhost", "RuntimeDefault", "Unconfined"']],
        ['apparmor no type', pod({ securityContext: { appArmorProfile: {} } }), ['spec.securityContext.appArmorProfile.type: Required value: type is required when appArmorProfile is set']],
        ['apparmor empty localhost', pod({}, { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: ' ' } } }), ['spec.containers[0].securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost']],
        ['apparmor name on default', pod({}, { securityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'x' } } }), ['spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: "x": can only be set when AppArmor type is Localhost']],
    ];
    for (const [name, p, want] of cases)
        assert.deepEqual(errors(p), want, name);
});
test('hostUsers: false excludes the host namespaces; recursiveReadOnly needs readOnly and no propagation', () => {
    assert.deepEqual(errors(pod({ hostUsers: false })), []);
    assert.deepEqual(errors(pod({ hostUsers: false, hostPID: true, hostIPC: true })), [
        'spec.hostPID: Forbidden: when `hostUsers` is false', 'spec.hostIPC: Forbidden: when `hostUsers` is false',
    ]);
    const mount = (m) => pod({ volumes: [{ name: 'v', emptyDir: {} }] }, { volumeMounts: [{ name: 'v', mountPath: '/v', ...m }] });
    assert.deepEqual(errors(mount({ readOnly: true, recursiveReadOnly: 'Enabled' })), []);
    assert.deepEqual(errors(mount({ recursiveReadOnly: 'Disabled' })), []);
    assert.deepEqual(errors(mount({ recursiveReadOnly: 'IfPossible', mountPropagation: 'HostToContainer' })), [
        'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true',
        'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified',
    ]);
    assert.deepEqual(errors(mount({ readOnly: true, recursiveReadOnly: 'Always' })), [
        'spec.containers[0].volumeMounts.recursiveReadOnly: Unsupported value: "Always": supported values: "Disabled", "Enabled", "IfPossible"',
    ]);
});
test('procMount: Default anywhere; Unmasked only with hostUsers: false; nothing else', () => {
    assert.deepEqual(errors(pod({}, { securityContext: { procMount: 'Default' } })), []);
    assert.deepEqual(errors(pod({ hostUsers: false }, { securityContext: { procMount: 'Unmasked' } })), []);
    assert.deepEqual(errors(pod({}, { securityContext: { procMount: 'Unmasked' } })), [
        'spec.containers[0].securityContext.procMount: Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`',
    ]);
    assert.deepEqual(errors(pod({}, { securityContext: { procMount: 'Open' } })), [
        'spec.containers[0].securityContext.procMount: Unsupported value: "Open": supported values: "Default", "Unmasked"',
    ]);
});
test('resizePolicy: cpu or memory, NotRequired or RestartContainer, once each', () => {
    assert.deepEqual(errors(pod({}, { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'RestartContainer' }] })), []);
    assert.deepEqual(errors(pod({}, { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'cpu', restartPolicy: 'Always' }, { resourceName: 'gpu', restartPolicy: 'NotRequired' }] })), [
        'spec.containers[0].resizePolicy[1].resourceName: Duplicate value: "cpu"',
        'spec.containers[0].resizePolicy[1].restartPolicy: Unsupported value: "Always": supported values: "NotRequired", "RestartContainer"',
        'spec.containers[0].resizePolicy[2].resourceName: Unsupported value: "gpu": supported values: "cpu", "memory"',
    ]);
});
test('resize: only resources and resizePolicy are taken; removal, QoS changes and other resources are refused', () => {
    const old = pod({}, { resources: { requests: { cpu: '100m', memory: '32Mi', 'example.com/x': '1' }, limits: { cpu: '200m', memory: '64Mi', 'example.com/x': '1' } } });
    const resized = (edit) => {
        const next = structuredClone(old);
        edit(next.spec.containers[0], next);
        const merged = applyResize(next, old);
        return { merged, errors: validatePodResize(merged, old).map((c) => `${c.field}: ${c.message}`) };
    };
    const ok = resized((c, p) => { c.resources.limits.cpu = '500m'; c.image = 'other'; p.metadata.labels = { a: 'b' }; });
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.merged.spec.containers[0].resources.limits.cpu, '500m');
    assert.equal(ok.merged.spec.containers[0].image, 'busybox', 'the image is not the resize\'s to change');
    assert.equal(ok.merged.metadata.labels, undefined);
    assert.deepEqual(resized((c) => delete c.resources.limits.memory).errors, ['spec.containers[0].resources.limits[memory]: Forbidden: resource limits cannot be removed']);
    assert.deepEqual(resized((c) => delete c.resources.requests.cpu).errors, ['spec.containers[0].resources.requests[cpu]: Forbidden: resource requests cannot be removed']);
    assert.deepEqual(resized((c) => { c.resources.requests['example.com/x'] = '2'; c.resources.limits['example.com/x'] = '2'; }).errors, ['spec: Forbidden: only cpu and memory resources are mutable']);
    const guaranteed = resized((c) => { c.resources.requests = { ...c.resources.limits }; });
    assert.deepEqual(guaranteed.errors, ['spec: Invalid value: "Guaranteed": Pod QOS Class may not change as a result of resizing']);
    const podLevel = pod({ resources: { limits: { cpu: '1' } } });
    assert.deepEqual(validatePodResize(podLevel, podLevel).map((c) => c.message), ['Forbidden: pods with pod-level resources cannot be resized']);
});
test('RuntimeDefault seccomp: a fixed allow-list, namespace syscalls only with CAP_SYS_ADMIN, clone3 answered ENOSYS', () => {
    const plain = runtimeDefaultSeccomp(['CAP_CHOWN', 'CAP_KILL'], 'x64');
    const allowed = (s) => new Set(s.syscalls.filter((r) => r.action === 'SCMP_ACT_ALLOW' && !r.args).flatMap((r) => r.names));
    assert.equal(plain.defaultAction, 'SCMP_ACT_ERRNO');
    assert.deepEqual(plain.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    for (const name of ['read', 'execve', 'arch_prctl'])
        assert.ok(allowed(plain).has(name), name);
    for (const name of ['unshare', 'mount', 'setns', 'keyctl', 'bpf', 'reboot', 'kexec_load'])
        assert.ok(!allowed(plain).has(name), name);
    assert.deepEqual(plain.syscalls.find((r) => r.names.includes('clone3')), { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 });
    assert.deepEqual(plain.syscalls.find((r) => r.names[0] === 'clone').args, [{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]);
    const admin = runtimeDefaultSeccomp(['CAP_SYS_ADMIN'], 'arm64');
    for (const name of ['unshare', 'mount', 'setns', 'clone', 'clone3', 'cacheflush'])
        assert.ok(allowed(admin).has(name), name);
    assert.ok(!admin.syscalls.some((r) => r.action === 'SCMP_ACT_ERRNO'), 'nothing is answered with an error beyond the default');
});
//# sourceMappingURL=api-pod-security-validation.test.js.map