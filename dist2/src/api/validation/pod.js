// Pod rules: the spec on create, what an update may change, what a status update may change, and a
// binding to a node. Field paths and wording follow pkg/apis/core/validation.
import { isIP } from 'node:net';
import { sysctlNamespace } from '../sysctl.js';
import { validateContainer } from './containers.js';
import { staticPodRefusal, validateEphemeralContainerChanges, validateEphemeralContainers } from './ephemeral.js';
import { canonicalJson, changedKeys, semanticEqual } from './equal.js';
import { FieldPath, duplicateValue, forbidden, immutable, inclusiveRange, invalidEach, invalidValue, requiredValue, unsupportedValue, } from './field.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { validatePodSecurity } from './securityProfiles.js';
import { validateInterPodAffinity, validateTopologySpreadConstraints } from './scheduling.js';
import { validateTolerations } from './taints.js';
import { validateVolumes } from './volumes.js';
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;
const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);
/** Fields a Pod update may change, in the words of the Forbidden message. */
const UPDATABLE_POD_SPEC_FIELDS = [
    '`spec.containers[*].image`',
    '`spec.initContainers[*].image`',
    '`spec.activeDeadlineSeconds`',
    '`spec.tolerations` (only additions to existing tolerations)',
    '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];
function validateEnum(value, path, supported) {
    if (!value)
        return [requiredValue(path)];
    return supported.includes(value) ? [] : [unsupportedValue(path, value, supported)];
}
function validateAllContainers(spec, path, volumes) {
    const causes = [];
    const names = new Set();
    const hostNetwork = spec.hostNetwork === true;
    const each = (list, listPath, isInit) => (list ?? []).forEach((c, i) => {
        const at = listPath.index(i);
        causes.push(...validateContainer(c, at, { volumes, hostNetwork, isInit }));
        // Names are unique across containers and init containers: both live in one pod namespace of names.
        if (c.name && names.has(c.name))
            causes.push(duplicateValue(at.child('name'), c.name));
        names.add(c.name);
    });
    if (!spec.containers?.length)
        causes.push(requiredValue(path.child('containers')));
    each(spec.containers, path.child('containers'), false);
    each(spec.initContainers, path.child('initContainers'), true);
    causes.push(...validateEphemeralContainers(spec, path.child('ephemeralContainers'), { volumes, hostNetwork, isInit: false }));
    return causes;
}
function validateHostAliases(spec, path) {
    const causes = [];
    (spec.hostAliases ?? []).forEach((alias, i) => {
        const at = path.index(i);
        if (!alias.ip)
            causes.push(requiredValue(at.child('ip')));
        else if (!isIP(alias.ip))
            causes.push(invalidValue(at.child('ip'), alias.ip, IP_ERROR));
        (alias.hostnames ?? []).forEach((h, j) => causes.push(...invalidEach(at.child('hostnames').index(j), h, isDNS1123Subdomain(h))));
    });
    return causes;
}
function validateSchedulingGates(spec, path) {
    const causes = [];
    const seen = new Set();
    (spec.schedulingGates ?? []).forEach((g, i) => {
        const at = path.index(i).child('name');
        causes.push(...invalidEach(at, g.name, isQualifiedName(g.name)));
        if (seen.has(g.name))
            causes.push(duplicateValue(at, g.name));
        seen.add(g.name);
    });
    return causes;
}
const SYSCTL_MAX_LENGTH = 253;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SYSCTL_NAME_ERROR = `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`;
/** Names only: whether a sysctl is safe to set is the kubelet's admission decision (src/kubelet/sysctls.ts). */
function validateSysctls(spec, path) {
    const causes = [];
    const seen = new Set();
    const sysctls = spec.securityContext?.sysctls ?? [];
    sysctls.forEach((s, i) => {
        const at = path.index(i).child('name');
        const name = s.name ?? '';
        if (!name)
            causes.push(requiredValue(at));
        else if (name.length > SYSCTL_MAX_LENGTH || !SYSCTL_NAME.test(name))
            causes.push(invalidValue(at, name, SYSCTL_NAME_ERROR));
        else if (seen.has(name))
            causes.push(duplicateValue(at, name));
        // A Pod sharing the host's namespace would set the host's own sysctl.
        const ns = sysctlNamespace(name);
        if (ns === 'net' && spec.hostNetwork)
            causes.push(invalidValue(at, name, "may not be specified when 'hostNetwork' is true"));
        if (ns === 'ipc' && spec.hostIPC)
            causes.push(invalidValue(at, name, "may not be specified when 'hostIPC' is true"));
        seen.add(name);
    });
    return causes;
}
export function validatePodSpec(spec, path) {
    if (!spec)
        return [requiredValue(path)];
    const { causes, names } = validateVolumes(spec.volumes, path.child('volumes'));
    causes.push(...validateAllContainers(spec, path, names));
    causes.push(...validateEnum(spec.restartPolicy, path.child('restartPolicy'), RESTART_POLICIES));
    causes.push(...validateEnum(spec.dnsPolicy, path.child('dnsPolicy'), DNS_POLICIES));
    causes.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
    if (spec.serviceAccountName)
        causes.push(...invalidEach(path.child('serviceAccountName'), spec.serviceAccountName, isDNS1123Subdomain(spec.serviceAccountName)));
    if (spec.nodeName)
        causes.push(...invalidEach(path.child('nodeName'), spec.nodeName, isDNS1123Subdomain(spec.nodeName)));
    const ads = spec.activeDeadlineSeconds;
    if (ads !== undefined && (ads < 1 || ads > MAX_INT32))
        causes.push(invalidValue(path.child('activeDeadlineSeconds'), ads, inclusiveRange(1, MAX_INT32)));
    if (spec.hostname)
        causes.push(...invalidEach(path.child('hostname'), spec.hostname, isDNS1123Label(spec.hostname)));
    if (spec.subdomain)
        causes.push(...invalidEach(path.child('subdomain'), spec.subdomain, isDNS1123Label(spec.subdomain)));
    causes.push(...validateTolerations(spec.tolerations, path.child('tolerations')));
    causes.push(...validateHostAliases(spec, path.child('hostAliases')));
    causes.push(...validateSchedulingGates(spec, path.child('schedulingGates')));
    causes.push(...validateSysctls(spec, path.child('securityContext').child('sysctls')));
    causes.push(...validatePodSecurity(spec, path));
    causes.push(...validateInterPodAffinity(spec.affinity, path.child('affinity')));
    causes.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child('topologySpreadConstraints')));
    (spec.readinessGates ?? []).forEach((g, i) => {
        const at = path.child('readinessGates').index(i).child('conditionType');
        causes.push(...invalidEach(at, g.conditionType, isQualifiedName(g.conditionType)));
    });
    return causes;
}
function validatePodMetaAndSpec(pod) {
    return [...validateObjectMeta(pod.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validatePodSpec(pod.spec, FieldPath.root('spec'))];
}
export function validatePod(pod) {
    const causes = validatePodMetaAndSpec(pod);
    if ((pod.spec?.ephemeralContainers ?? []).length > 0) {
        causes.push(forbidden(FieldPath.root('spec').child('ephemeralContainers'), 'cannot be set on create'));
    }
    if (pod.spec?.nodeName && pod.spec.schedulingGates?.length) {
        causes.push(forbidden(FieldPath.root('spec').child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
    }
    return causes;
}
/** Only the same number of containers may be compared position by position. */
function validateContainerUpdates(next, prev, path) {
    const n = next ?? [];
    if (n.length !== (prev ?? []).length)
        return { causes: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
    const causes = [];
    n.forEach((c, i) => {
        if (!c.image)
            causes.push(requiredValue(path.index(i).child('image')));
    });
    return { causes, stop: false };
}
/** A toleration's identity without its seconds, independent of key order (clients send any order). */
function withoutSeconds(t) {
    return canonicalJson({ ...t, tolerationSeconds: undefined });
}
function validateTolerationUpdate(spec, old, path) {
    const next = new Set((spec.tolerations ?? []).map(withoutSeconds));
    const kept = (old.tolerations ?? []).every((t) => next.has(withoutSeconds(t)));
    return kept ? [] : [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
}
function validateGateUpdate(spec, old, path) {
    const before = new Set((old.schedulingGates ?? []).map((g) => g.name));
    return (spec.schedulingGates ?? []).flatMap((g, i) => before.has(g.name) ? [] : [forbidden(path.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`)]);
}
/** A gated Pod may still gain nodeSelector entries (how a queue narrows placement), never lose or change one. */
function validateGatedNodeSelector(spec, old, path) {
    const prev = old.nodeSelector ?? {};
    const next = spec.nodeSelector ?? {};
    const onlyAdded = Object.entries(prev).every(([k, v]) => next[k] === v);
    return onlyAdded ? [] : [invalidValue(path, next, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)')];
}
/** A short account of what changed, where upstream prints a structural diff. */
function describeDiff(prev, next) {
    const p = prev;
    const n = next;
    return changedKeys(p, n).map((k) => `  - ${k}: ${JSON.stringify(p[k] ?? null)}\n  + ${k}: ${JSON.stringify(n[k] ?? null)}`).join('\n');
}
export function validatePodUpdate(pod, old) {
    const spec = FieldPath.root('spec');
    const causes = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetaAndSpec(pod)];
    for (const list of ['containers', 'initContainers']) {
        const r = validateContainerUpdates(pod.spec?.[list], old.spec?.[list], spec.child(list));
        causes.push(...r.causes);
        if (r.stop)
            return causes;
    }
    const adsPath = spec.child('activeDeadlineSeconds');
    const nextAds = pod.spec.activeDeadlineSeconds;
    const prevAds = old.spec.activeDeadlineSeconds;
    if (nextAds !== undefined) {
        if (nextAds < 0 || nextAds > MAX_INT32)
            return [...causes, invalidValue(adsPath, nextAds, inclusiveRange(0, MAX_INT32))];
        if (prevAds !== undefined && prevAds < nextAds)
            return [...causes, invalidValue(adsPath, nextAds, 'must be less than or equal to previous value')];
    }
    else if (prevAds !== undefined) {
        causes.push(invalidValue(adsPath, null, 'must not update from a positive integer to nil value'));
    }
    causes.push(...validateTolerationUpdate(pod.spec, old.spec, spec.child('tolerations')));
    causes.push(...validateGateUpdate(pod.spec, old.spec, spec.child('schedulingGates')));
    if (semanticEqual(pod.spec, old.spec))
        return causes;
    // Put back what may change, then anything still different is forbidden.
    const munged = {
        ...pod.spec,
        containers: pod.spec.containers.map((c, i) => ({ ...c, image: old.spec.containers[i].image })),
        initContainers: pod.spec.initContainers?.map((c, i) => ({ ...c, image: old.spec.initContainers[i].image })),
        activeDeadlineSeconds: prevAds,
        schedulingGates: old.spec.schedulingGates,
        tolerations: old.spec.tolerations,
    };
    const prevGrace = old.spec.terminationGracePeriodSeconds;
    if (prevGrace !== undefined && prevGrace < 0 && munged.terminationGracePeriodSeconds === 1)
        munged.terminationGracePeriodSeconds = prevGrace;
    if (old.spec.schedulingGates?.length && !semanticEqual(munged.nodeSelector, old.spec.nodeSelector)) {
        causes.push(...validateGatedNodeSelector(munged, old.spec, spec.child('nodeSelector')));
        munged.nodeSelector = old.spec.nodeSelector;
    }
    if (!semanticEqual(munged, old.spec)) {
        causes.push(forbidden(spec, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${describeDiff(old.spec, munged)}`));
    }
    return causes;
}
/** An update through pods/ephemeralcontainers: the Pod as a whole, and only additions to its ephemeral containers. */
export function validatePodEphemeralContainersUpdate(pod, old) {
    return staticPodRefusal(old) ?? [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetaAndSpec(pod), ...validateEphemeralContainerChanges(pod, old)];
}
/** Without a restart policy that restarts them, terminated containers must stay terminated. */
function validateStateTransitions(next, prev, path, restartPolicy, restartable = new Set()) {
    if (restartPolicy === 'Always')
        return [];
    const causes = [];
    (prev ?? []).forEach((o, i) => {
        const term = o.state?.terminated;
        if (!term || restartable.has(o.name) || (term.exitCode !== 0 && restartPolicy === 'OnFailure'))
            return;
        if ((next ?? []).some((n) => n.name === o.name && !n.state?.terminated)) {
            causes.push(forbidden(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
        }
    });
    return causes;
}
function validateIPs(ips, path) {
    const causes = [];
    const seen = new Set();
    (ips ?? []).forEach((entry, i) => {
        const at = path.index(i).child('ip');
        if (!isIP(entry.ip))
            causes.push(invalidValue(at, entry.ip, IP_ERROR));
        else if (seen.has(entry.ip))
            causes.push(duplicateValue(at, entry.ip));
        seen.add(entry.ip);
    });
    return causes;
}
export function validatePodStatusUpdate(pod, old) {
    const causes = validateObjectMetaUpdate(pod.metadata, old.metadata);
    const status = FieldPath.root('status');
    const next = pod.status ?? {};
    const prev = old.status ?? {};
    (next.conditions ?? []).forEach((c, i) => {
        if (!SYSTEM_CONDITIONS.has(c.type))
            causes.push(...invalidEach(FieldPath.root('metadata').child('conditions').index(i).child('Type'), c.type, isQualifiedName(c.type)));
    });
    if (pod.spec?.nodeName !== old.spec?.nodeName)
        causes.push(forbidden(status.child('nodeName'), 'may not be changed directly'));
    if (next.nominatedNodeName && next.nominatedNodeName !== prev.nominatedNodeName) {
        causes.push(...invalidEach(status.child('nominatedNodeName'), next.nominatedNodeName, isDNS1123Subdomain(next.nominatedNodeName)));
    }
    causes.push(...immutable(status.child('qosClass'), next.qosClass, prev.qosClass));
    causes.push(...validateStateTransitions(next.containerStatuses, prev.containerStatuses, status.child('containerStatuses'), old.spec?.restartPolicy));
    // A sidecar (restartable init container) may restart whatever the pod's policy.
    const sidecars = new Set((old.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
    causes.push(...validateStateTransitions(next.initContainerStatuses, prev.initContainerStatuses, status.child('initContainerStatuses'), old.spec?.restartPolicy, sidecars));
    causes.push(...validateIPs(next.podIPs, status.child('podIPs')));
    causes.push(...validateIPs(next.hostIPs, status.child('hostIPs')));
    return causes;
}
/** `POST pods/<name>/binding`: the target must be a named Node. */
export function validateBinding(binding) {
    const target = FieldPath.root('target');
    const causes = [];
    if (binding.target?.kind && binding.target.kind !== 'Node')
        causes.push(unsupportedValue(target.child('kind'), binding.target.kind, ['Node', '<empty>']));
    if (!binding.target?.name)
        causes.push(requiredValue(target.child('name')));
    return causes;
}
//# sourceMappingURL=pod.js.map