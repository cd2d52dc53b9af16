import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDefaults } from '../src/api/defaults/index.js';
import { validateBinding, validateCreate } from '../src/api/validation/index.js';
/** A defaulted Pod with one container, patched by `spec` and `container`. */
function pod(spec = {}, container = {}) {
    const p = {
        metadata: { name: 'web', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...container }], ...spec },
    };
    applyDefaults('Pod', p);
    return p;
}
const errors = (p) => validateCreate('Pod', p).map((c) => `${c.field}: ${c.message}`);
test('pod specs are validated with upstream field paths and messages', () => {
    const cases = [
        ['valid', pod(), []],
        ['no containers', pod({ containers: [] }), ['spec.containers: Required value']],
        ['no image', pod({}, { image: '' }), ['spec.containers[0].image: Required value']],
        ['no name', pod({}, { name: '' }), ['spec.containers[0].name: Required value']],
        ['bad name', pod({}, { name: 'C_1' }), ["spec.containers[0].name: Invalid value: \"C_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]],
        ['duplicate across init', pod({ initContainers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }] }), ['spec.initContainers[0].name: Duplicate value: "c"']],
        ['mount of unknown volume', pod({}, { volumeMounts: [{ name: 'x', mountPath: '/x' }] }), ['spec.containers[0].volumeMounts[0].name: Not found: "x"']],
        ['mount without path', pod({ volumes: [{ name: 'v', emptyDir: {} }] }, { volumeMounts: [{ name: 'v', mountPath: '' }] }), ['spec.containers[0].volumeMounts[0].mountPath: Required value']],
        ['mount path twice', pod({ volumes: [{ name: 'v', emptyDir: {} }] }, { volumeMounts: [{ name: 'v', mountPath: '/a' }, { name: 'v', mountPath: '/a' }] }), ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/a": must be unique']],
        ['port 0', pod({}, { ports: [{ containerPort: 0 }] }), ['spec.containers[0].ports[0].containerPort: Required value']],
        ['port too big', pod({}, { ports: [{ containerPort: 70000 }] }), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
        ['hostPort too big', pod({}, { ports: [{ containerPort: 80, hostPort: 70000 }] }), ['spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
        ['bad protocol', pod({}, { ports: [{ containerPort: 80, protocol: 'ICMP' }] }), ['spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"']],
        ['duplicate port name', pod({}, { ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }), ['spec.containers[0].ports[1].name: Duplicate value: "http"']],
        ['bad port name', pod({}, { ports: [{ name: 'HTTP', containerPort: 80 }] }), ['spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)']],
        ['restartPolicy', pod({ restartPolicy: 'Sometimes' }), ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
        ['dnsPolicy', pod({ dnsPolicy: 'Cluster' }), ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
        ['imagePullPolicy', pod({}, { imagePullPolicy: 'Sometimes' }), ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']],
        ['hostAlias ip', pod({ hostAliases: [{ ip: '999.1.1.1', hostnames: ['a'] }] }), ['spec.hostAliases[0].ip: Invalid value: "999.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
        ['env name', pod({}, { env: [{ name: 'A=B', value: 'x' }] }), ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"]],
        ['env value and valueFrom', pod({}, { env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }), ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty']],
        ['bad quantity', pod({}, { resources: { limits: { cpu: 'lots' } } }), ["spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", "spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"]],
        ['request over limit', pod({}, { resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } }), ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']],
        ['negative memory', pod({}, { resources: { requests: { memory: '-1Mi' } } }), ['spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0']],
        ['unknown resource', pod({}, { resources: { requests: { gpu: '1' } } }), ['spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers']],
        ['no volume source', pod({ volumes: [{ name: 'v' }, { name: 'w', emptyDir: {} }] }), []],
        ['two volume sources', pod({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] }), ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']],
        ['duplicate volume', pod({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] }), ['spec.volumes[1].name: Duplicate value: "v"']],
        ['hostPath without path', pod({ volumes: [{ name: 'v', hostPath: { path: '' } }] }), ['spec.volumes[0].hostPath.path: Required value']],
        ['hostPath type', pod({ volumes: [{ name: 'v', hostPath: { path: '/x', type: 'Dir' } }] }), ['spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"']],
        ['secret without name', pod({ volumes: [{ name: 'v', secret: {} }] }), ['spec.volumes[0].secret.secretName: Required value']],
        ['downwardAPI fields', pod({ volumes: [{ name: 'v', downwardAPI: { items: [
                                { path: 'ok', fieldRef: { fieldPath: "metadata.labels['app']" } },
                                { path: 'ip', fieldRef: { fieldPath: 'status.podIP' } },
                                { path: 'mem', resourceFieldRef: { resource: 'limits.memory' } },
                                { path: '../x', fieldRef: { fieldPath: 'metadata.name' } },
                                { path: 'none' },
                            ] } }] }), [
                'spec.volumes[0].downwardAPI.items[1].fieldRef.fieldPath: Unsupported value: "status.podIP": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
                'spec.volumes[0].downwardAPI.items[2].resourceFieldRef.containerName: Required value',
                "spec.volumes[0].downwardAPI.items[3].path: Invalid value: \"../x\": must not contain '..'",
                "spec.volumes[0].downwardAPI.items[3].path: Invalid value: \"../x\": must not start with '..'",
                'spec.volumes[0].downwardAPI.items[4]: Required value: one of fieldRef and resourceFieldRef is required',
            ]],
        ['projected sources berth cannot fill', pod({ volumes: [{ name: 'v', projected: { sources: [
                                { configMap: { name: 'c' } },
                                { serviceAccountToken: { path: '', expirationSeconds: 60 } },
                                { clusterTrustBundle: { path: 'ca', name: 'b' } },
                                { secret: {} },
                            ] } }] }), [
                'spec.volumes[0].projected.sources[1].serviceAccountToken.path: Required value',
                'spec.volumes[0].projected.sources[1].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
                'spec.volumes[0].projected.sources[2].clusterTrustBundle: Forbidden: not supported: berth has no ClusterTrustBundles',
                'spec.volumes[0].projected.sources[3].secret.name: Required value',
            ]],
        ['ephemeralContainers on create', pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }), ['spec.ephemeralContainers: Forbidden: cannot be set on create']],
        ['envFrom', pod({}, { envFrom: [{ prefix: 'A=', configMapRef: { name: 'c' } }, {}, { configMapRef: { name: 'c' }, secretRef: { name: 'Bad_Name' } }] }), [
                "spec.containers[0].envFrom[0].prefix: Invalid value: \"A=\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                'spec.containers[0].envFrom[1]: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
                'spec.containers[0].envFrom[2]: Invalid value: "": may not have more than one field specified at a time',
                "spec.containers[0].envFrom[2].secretRef.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ]],
        ['secret mode', pod({ volumes: [{ name: 'v', secret: { secretName: 's', defaultMode: 0o1000 } }] }), ['spec.volumes[0].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive']],
        ['probe without handler', pod({}, { livenessProbe: {} }), ['spec.containers[0].livenessProbe: Required value: must specify a handler type']],
        ['liveness success threshold', pod({}, { livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }), ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']],
        ['activeDeadlineSeconds', pod({ activeDeadlineSeconds: 0 }), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
        ['toleration operator', pod({ tolerations: [{ key: 'k', operator: 'Maybe' }] }), ['spec.tolerations[0].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"']],
        ['toleration seconds without NoExecute', pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] }), ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]],
        ['nodeName with gates', pod({ nodeName: 'n1', schedulingGates: [{ name: 'example.com/wait' }] }), ['spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared']],
        ['init probe', pod({ initContainers: [{ name: 'i', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }] }), ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always']],
        ['sidecar restartPolicy on an app container', pod({ containers: [{ name: 'c', image: 'busybox', restartPolicy: 'Always' }] }), ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']],
        ['init container restartPolicy other than Always', pod({ initContainers: [{ name: 'i', image: 'busybox', restartPolicy: 'OnFailure' }] }), ['spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
    ];
    for (const [name, p, want] of cases)
        assert.deepEqual(errors(p), want, name);
});
test('bindings must target a named node', () => {
    const cases = [
        [{ target: { kind: 'Node', name: 'n1' } }, []],
        [{ target: { name: 'n1' } }, []],
        [{ target: { kind: 'Pod', name: 'n1' } }, ['target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"']],
        [{ target: {} }, ['target.name: Required value']],
    ];
    for (const [b, want] of cases) {
        assert.deepEqual(validateBinding({ metadata: { name: 'web' }, ...b }).map((c) => `${c.field}: ${c.message}`), want);
    }
});
//# sourceMappingURL=api-pod-validation.test.js.map