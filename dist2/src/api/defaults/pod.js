// What the API server fills in on a new Pod: scheme defaults (pkg/apis/core/v1/defaults.go), the
// admission plugins berth runs (ServiceAccount without the token volume, DefaultTolerationSeconds,
// Priority) and the create strategy (a fresh Pending status with its QoS class).
import { isApiError } from '../errors.js';
import { canonicalQuantity } from '../quantity.js';
import { computeQOSClass } from './qos.js';
const DEFAULT_MODE = 0o644; // 420
const NODE_NOT_READY = 'node.kubernetes.io/not-ready';
const NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
const DEFAULT_TOLERATION_SECONDS = 300;
/** `Always` for `:latest` or an untagged image without a digest, otherwise `IfNotPresent`. */
export function defaultPullPolicy(image) {
    const ref = image ?? '';
    if (ref.includes('@'))
        return 'IfNotPresent';
    const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
    const colon = lastPart.lastIndexOf(':');
    const tag = colon >= 0 ? lastPart.slice(colon + 1) : '';
    return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
function defaultProbe(p) {
    if (!p)
        return;
    p.timeoutSeconds ??= 1;
    p.periodSeconds ??= 10;
    p.successThreshold ??= 1;
    p.failureThreshold ??= 3;
    if (p.httpGet) {
        p.httpGet.path ||= '/';
        p.httpGet.scheme ||= 'HTTP';
    }
    // kubectl describe dereferences it unchecked, trusting upstream's default.
    if (p.grpc)
        p.grpc.service ??= '';
}
/** Stored quantities are canonical (`1000m` is kept as `1`); malformed ones are left for validation. */
function canonicalize(list) {
    for (const [name, text] of Object.entries(list ?? {})) {
        try {
            list[name] = canonicalQuantity(String(text));
        }
        catch (e) {
            if (!isApiError(e))
                throw e;
        }
    }
}
/** A resource limited but not requested is requested at its limit. */
function defaultRequirements(res) {
    if (res?.limits) {
        res.requests ??= {};
        for (const [name, value] of Object.entries(res.limits))
            res.requests[name] ??= value;
    }
    canonicalize(res?.limits);
    canonicalize(res?.requests);
}
function defaultContainer(c, hostNetwork) {
    c.imagePullPolicy ||= defaultPullPolicy(c.image);
    c.terminationMessagePath ||= '/dev/termination-log';
    c.terminationMessagePolicy ||= 'File';
    for (const port of c.ports ?? []) {
        port.protocol ||= 'TCP';
        // On the host network the container port is the host port.
        if (hostNetwork && !port.hostPort)
            port.hostPort = port.containerPort;
    }
    defaultRequirements(c.resources);
    for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe])
        defaultProbe(probe);
    for (const hook of [c.lifecycle?.postStart, c.lifecycle?.preStop]) {
        if (hook?.httpGet) {
            hook.httpGet.path ||= '/';
            hook.httpGet.scheme ||= 'HTTP';
        }
    }
    for (const env of c.env ?? []) {
        if (env.valueFrom?.fieldRef)
            env.valueFrom.fieldRef.apiVersion ||= 'v1';
    }
}
function defaultVolume(v) {
    // A volume with no source at all is an emptyDir.
    if (Object.keys(v).every((k) => k === 'name' || v[k] === undefined || v[k] === null))
        v.emptyDir = {};
    if (v.hostPath)
        v.hostPath.type ??= '';
    if (v.secret)
        v.secret.defaultMode ??= DEFAULT_MODE;
    if (v.configMap)
        v.configMap.defaultMode ??= DEFAULT_MODE;
    for (const source of ['downwardAPI', 'projected']) {
        const s = v[source];
        if (s)
            s.defaultMode ??= DEFAULT_MODE;
    }
}
/** A toleration that already covers `key` with NoExecute (or every key, or every effect). */
function tolerates(tolerations, key) {
    return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}
/** DefaultTolerationSeconds: pods stay 5 minutes on a node that goes not-ready or unreachable. */
function addDefaultTolerations(pod) {
    const tolerations = pod.spec.tolerations ?? [];
    for (const key of [NODE_NOT_READY, NODE_UNREACHABLE]) {
        if (!tolerates(tolerations, key))
            tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
    pod.spec.tolerations = tolerations;
}
/** A Pod runs as the account it names (serviceAccount is the deprecated spelling), else `default`. */
export function defaultServiceAccountName(spec) {
    spec.serviceAccountName ||= spec.serviceAccount || 'default';
    spec.serviceAccount = spec.serviceAccountName;
}
/**
 * What decoding a Pod fills in (upstream's scheme defaults), before any admission plugin: the fields its
 * writer is recorded as having set in managedFields.
 */
export function defaultPodAsDecoded(pod) {
    pod.spec ??= { containers: [] };
    const spec = pod.spec;
    spec.restartPolicy ||= 'Always';
    spec.dnsPolicy ||= 'ClusterFirst';
    spec.schedulerName ||= 'default-scheduler';
    // Negative grace periods are legacy; the registry stores them as 1.
    spec.terminationGracePeriodSeconds ??= 30;
    if (spec.terminationGracePeriodSeconds < 0)
        spec.terminationGracePeriodSeconds = 1;
    spec.securityContext ??= {};
    spec.enableServiceLinks ??= true;
    const hostNetwork = spec.hostNetwork === true;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])])
        defaultContainer(c, hostNetwork);
    defaultRequirements(spec.resources);
    for (const v of spec.volumes ?? [])
        defaultVolume(v);
}
/**
 * Fills in a new Pod in place, as the API server does before validating and storing it: the decoded
 * defaults, then what upstream's admission plugins add (service account, priority, default tolerations).
 */
export function defaultPod(pod) {
    defaultPodAsDecoded(pod);
    const spec = pod.spec;
    defaultServiceAccountName(spec);
    spec.priority ??= 0;
    spec.preemptionPolicy ||= 'PreemptLowerPriority';
    // Volumes admission added (the service account's) get their defaults too.
    for (const v of spec.volumes ?? [])
        defaultVolume(v);
    addDefaultTolerations(pod);
    // Status is the kubelet's to write: a new Pod starts Pending whatever the client sent.
    pod.status = { phase: 'Pending', qosClass: safeQOS(pod) };
}
/** QoS of a Pod whose quantities may still be malformed (validation reports those). */
function safeQOS(pod) {
    try {
        return computeQOSClass(pod);
    }
    catch (e) {
        if (!isApiError(e))
            throw e;
        return 'BestEffort';
    }
}
//# sourceMappingURL=pod.js.map