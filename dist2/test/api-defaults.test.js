import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDefaults } from '../src/api/defaults/index.js';
import { defaultPullPolicy } from '../src/api/defaults/pod.js';
import { computeQOSClass } from '../src/api/defaults/qos.js';
test('a new pod is filled in as the API server does', () => {
    const p = {
        metadata: { name: 'web', namespace: 'default' },
        spec: {
            containers: [{
                    name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1000m', memory: '1Gi' } },
                    livenessProbe: { httpGet: { port: 80 } },
                }],
            volumes: [{ name: 's', secret: { secretName: 's' } }, { name: 'h', hostPath: { path: '/x' } }, { name: 'e' }],
        },
        status: { phase: 'Running', podIP: '1.2.3.4' },
    };
    applyDefaults('Pod', p);
    assert.deepEqual(p.spec, {
        containers: [{
                name: 'c', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
                ports: [{ containerPort: 80, protocol: 'TCP' }],
                resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } },
                livenessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            }],
        volumes: [{ name: 's', secret: { secretName: 's', defaultMode: 420 } }, { name: 'h', hostPath: { path: '/x', type: '' } }, { name: 'e', emptyDir: {} }],
        restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30, securityContext: {},
        enableServiceLinks: true, serviceAccountName: 'default', serviceAccount: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority',
        tolerations: [
            { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
            { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
    });
    assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'Guaranteed' });
});
test('default tolerations are not added twice', () => {
    const p = { metadata: { name: 'a' }, spec: { containers: [], tolerations: [{ operator: 'Exists' }] } };
    applyDefaults('Pod', p);
    assert.deepEqual(p.spec.tolerations, [{ operator: 'Exists' }]);
});
test('image pull policy follows the tag', () => {
    const cases = [
        ['nginx', 'Always'], ['nginx:latest', 'Always'], ['nginx:1.27', 'IfNotPresent'],
        ['localhost:5000/nginx', 'Always'], ['localhost:5000/nginx:v1', 'IfNotPresent'], ['nginx@sha256:abc', 'IfNotPresent'],
    ];
    for (const [image, want] of cases)
        assert.equal(defaultPullPolicy(image), want, image);
});
test('QoS class is computed from requests and limits', () => {
    const withResources = (...rs) => ({ metadata: {}, spec: { containers: rs.map((resources, i) => ({ name: `c${i}`, resources })) } });
    const cases = [
        [withResources(undefined), 'BestEffort'],
        [withResources({ requests: { cpu: '0' } }), 'BestEffort'],
        [withResources({ requests: { cpu: '100m' } }), 'Burstable'],
        [withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }), 'Guaranteed'],
        [withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }), 'Burstable'],
        [withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, undefined), 'Burstable'],
        [withResources({ limits: { cpu: '1' }, requests: { cpu: '1' } }), 'Burstable'],
    ];
    for (const [p, want] of cases)
        assert.equal(computeQOSClass(p), want, JSON.stringify(p.spec));
});
test('pod-level resources decide the QoS class when set, with requests defaulted from limits', () => {
    const podLevel = (resources, ...containers) => ({
        metadata: {}, spec: { resources, containers: containers.map((r, i) => ({ name: `c${i}`, resources: r })) },
    });
    const cases = [
        [podLevel({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, undefined, undefined), 'Guaranteed'],
        [podLevel({ limits: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '100m' } }), 'Guaranteed'],
        [podLevel({ requests: { cpu: '1', memory: '1Gi' } }, { limits: { cpu: '1', memory: '1Gi' } }), 'Burstable'],
        [podLevel({ limits: { cpu: '1' } }), 'Burstable'],
    ];
    for (const [p, want] of cases) {
        applyDefaults('Pod', p);
        assert.equal(p.status?.qosClass, want, JSON.stringify(p.spec?.resources));
    }
});
test('namespaces, secrets and nodes get their defaults', () => {
    const ns = { metadata: { name: 'team' } };
    applyDefaults('Namespace', ns);
    assert.deepEqual(ns, { metadata: { name: 'team', labels: { 'kubernetes.io/metadata.name': 'team' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    const s = { metadata: { name: 's' }, stringData: { user: 'admin' } };
    applyDefaults('Secret', s);
    assert.deepEqual(s, { metadata: { name: 's' }, type: 'Opaque', data: { user: 'YWRtaW4=' } });
    const n = { metadata: { name: 'n1' }, status: { capacity: { cpu: '4' } } };
    applyDefaults('Node', n);
    assert.deepEqual(n.status?.allocatable, { cpu: '4' });
});
//# sourceMappingURL=api-defaults.test.js.map