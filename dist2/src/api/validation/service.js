// core/v1 Service rules, worded as pkg/apis/core/validation's ValidateService: ports (named when there
// are several, unique names, no port/protocol pair twice), the selector's labels, session affinity,
// the cluster IP fields (headless "None", clusterIP matching clusterIPs[0], fixed once set), traffic
// policies, and ExternalName's DNS name. Whether an address or node port is free is the allocator's
// question (registry), asked after these pass.
import { isIP } from 'node:net';
import { validatePortNumOrName } from './containers.js';
import { FieldPath, IP_ERROR, duplicateValue, forbidden, goStringSlice, inclusiveRange, invalidEach, invalidShown, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNS1035Label } from './names.js';
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const FAMILIES = ['IPv4', 'IPv6'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_AFFINITY_SECONDS = 86400;
const spec = FieldPath.root('spec');
export function isHeadless(svc) {
    return svc.spec?.clusterIP === 'None';
}
/** Go's %#v of the (protocol, port) key upstream reports a clashing port with. */
function portKey(p) {
    return `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}
function validatePort(p, requireName, names, at) {
    const causes = [];
    if (requireName && !p.name)
        causes.push(requiredValue(at.child('name')));
    else if (p.name) {
        causes.push(...invalidEach(at.child('name'), p.name, isDNS1123Label(p.name)));
        if (names.has(p.name))
            causes.push(duplicateValue(at.child('name'), p.name));
        names.add(p.name);
    }
    // A port left out is Go's zero, as upstream reports it.
    const port = p.port ?? 0;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
        causes.push(invalidValue(at.child('port'), port, inclusiveRange(1, 65535)));
    if (!p.protocol)
        causes.push(requiredValue(at.child('protocol')));
    else if (!PROTOCOLS.includes(p.protocol))
        causes.push(unsupportedValue(at.child('protocol'), p.protocol, PROTOCOLS));
    causes.push(...validatePortNumOrName(p.targetPort, at.child('targetPort')));
    if (p.appProtocol !== undefined)
        causes.push(...invalidEach(at.child('appProtocol'), p.appProtocol, isQualifiedName(p.appProtocol)));
    if (p.nodePort !== undefined && p.nodePort !== 0 && (!Number.isInteger(p.nodePort) || p.nodePort < 1 || p.nodePort > 65535)) {
        causes.push(invalidValue(at.child('nodePort'), p.nodePort, inclusiveRange(1, 65535)));
    }
    return causes;
}
function validatePorts(svc) {
    const s = svc.spec;
    const ports = s.ports ?? [];
    const causes = [];
    const path = spec.child('ports');
    if (!ports.length && !isHeadless(svc) && s.type !== 'ExternalName')
        causes.push(requiredValue(path));
    const names = new Set();
    ports.forEach((p, i) => causes.push(...validatePort(p, ports.length > 1, names, path.index(i))));
    if (s.type === 'ClusterIP') {
        ports.forEach((p, i) => {
            if (p.nodePort)
                causes.push(forbidden(path.index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
        });
    }
    const nodePorts = new Set();
    const keys = new Set();
    ports.forEach((p, i) => {
        if (p.nodePort) {
            const k = `${p.protocol}/${p.nodePort}`;
            if (nodePorts.has(k))
                causes.push(duplicateValue(path.index(i), p.nodePort));
            nodePorts.add(k);
        }
    });
    ports.forEach((p, i) => {
        const k = `${p.protocol}/${p.port}`;
        if (keys.has(k))
            causes.push({ reason: 'FieldValueDuplicate', field: path.index(i).toString(), message: `Duplicate value: ${portKey(p)}` });
        keys.add(k);
    });
    return causes;
}
function validateClusterIPs(svc) {
    const s = svc.spec;
    const causes = [];
    const ipsPath = spec.child('clusterIPs');
    const ips = s.clusterIPs ?? [];
    if (s.type === 'ExternalName') {
        if (ips.length || s.clusterIP)
            causes.push(forbidden(ipsPath, 'may not be set for ExternalName services'));
        if (s.ipFamilies?.length)
            causes.push(forbidden(spec.child('ipFamilies'), 'may not be set for ExternalName services'));
        if (s.ipFamilyPolicy !== undefined)
            causes.push(forbidden(spec.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
        return causes;
    }
    if (s.clusterIP && ips.length && s.clusterIP !== ips[0])
        causes.push(invalidShown(ipsPath, goStringSlice(ips), 'first value must match `clusterIP`'));
    ips.forEach((ip, i) => {
        if (ip === 'None') {
            if (i > 0 || ips.length > 1)
                causes.push(invalidShown(ipsPath, goStringSlice(ips), "'None' must be the first and only value"));
        }
        else if (!isIP(ip))
            causes.push(invalidValue(ipsPath.index(i), ip, IP_ERROR));
    });
    if (ips.length > 2)
        causes.push(invalidShown(ipsPath, goStringSlice(ips), 'may only hold up to 2 values'));
    if (isHeadless(svc) && (s.type === 'NodePort' || s.type === 'LoadBalancer')) {
        causes.push(invalidValue(ipsPath.index(0), 'None', `may not be set to 'None' for ${s.type} services`));
    }
    if (s.ipFamilyPolicy !== undefined && !FAMILY_POLICIES.includes(s.ipFamilyPolicy))
        causes.push(unsupportedValue(spec.child('ipFamilyPolicy'), s.ipFamilyPolicy, FAMILY_POLICIES));
    (s.ipFamilies ?? []).forEach((f, i) => {
        if (!FAMILIES.includes(f))
            causes.push(unsupportedValue(spec.child('ipFamilies').index(i), f, FAMILIES));
    });
    return causes;
}
function validateSessionAffinity(svc) {
    const s = svc.spec;
    const path = spec.child('sessionAffinity');
    if (!s.sessionAffinity)
        return [requiredValue(path)];
    if (!AFFINITIES.includes(s.sessionAffinity))
        return [unsupportedValue(path, s.sessionAffinity, AFFINITIES)];
    const config = spec.child('sessionAffinityConfig');
    if (s.sessionAffinity === 'None')
        return s.sessionAffinityConfig ? [forbidden(config, 'must not be set when session affinity is None')] : [];
    const seconds = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    const at = config.child('clientIP').child('timeoutSeconds');
    if (seconds === undefined)
        return [requiredValue(at)];
    if (seconds <= 0 || seconds > MAX_AFFINITY_SECONDS)
        return [invalidValue(at, seconds, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)];
    return [];
}
function validateTrafficPolicies(svc) {
    const s = svc.spec;
    const causes = [];
    const external = spec.child('externalTrafficPolicy');
    const exposed = s.type === 'NodePort' || s.type === 'LoadBalancer';
    if (exposed) {
        if (!s.externalTrafficPolicy)
            causes.push(requiredValue(external));
        else if (!TRAFFIC_POLICIES.includes(s.externalTrafficPolicy))
            causes.push(unsupportedValue(external, s.externalTrafficPolicy, TRAFFIC_POLICIES));
    }
    else if (s.externalTrafficPolicy) {
        causes.push(invalidValue(external, s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
    const internal = spec.child('internalTrafficPolicy');
    if (s.type !== 'ExternalName') {
        if (!s.internalTrafficPolicy)
            causes.push(requiredValue(internal));
        else if (!TRAFFIC_POLICIES.includes(s.internalTrafficPolicy))
            causes.push(unsupportedValue(internal, s.internalTrafficPolicy, TRAFFIC_POLICIES));
    }
    return causes;
}
function validateSpec(svc) {
    const s = svc.spec;
    const causes = [];
    if (!s.type)
        causes.push(requiredValue(spec.child('type')));
    else if (!TYPES.includes(s.type))
        causes.push(unsupportedValue(spec.child('type'), s.type, TYPES));
    if (s.type === 'ExternalName') {
        // A CNAME, which may end in a dot to say it is fully qualified.
        const cname = (s.externalName ?? '').replace(/\.$/, '');
        if (cname)
            causes.push(...invalidEach(spec.child('externalName'), cname, isDNS1123Subdomain(cname)));
        else
            causes.push(requiredValue(spec.child('externalName')));
    }
    causes.push(...validatePorts(svc));
    if (s.selector)
        causes.push(...validateLabels(s.selector, spec.child('selector')));
    causes.push(...validateSessionAffinity(svc));
    causes.push(...validateClusterIPs(svc));
    (s.externalIPs ?? []).forEach((ip, i) => {
        if (!isIP(ip))
            causes.push(invalidValue(spec.child('externalIPs').index(i), ip, IP_ERROR));
    });
    causes.push(...validateTrafficPolicies(svc));
    return causes;
}
export function validateService(svc) {
    return [...validateObjectMeta(svc.metadata, { namespaced: true, nameRule: nameIsDNS1035Label }), ...validateSpec(svc)];
}
export function validateServiceUpdate(svc, old) {
    const causes = [...validateObjectMetaUpdate(svc.metadata, old.metadata), ...validateSpec(svc)];
    // An allocated cluster IP stays the Service's until it becomes an ExternalName (or comes from one).
    if (svc.spec.type !== 'ExternalName' && old.spec.type !== 'ExternalName') {
        const ips = svc.spec.clusterIPs ?? [];
        (old.spec.clusterIPs ?? []).forEach((ip, i) => {
            if (ips[i] !== ip)
                causes.push(invalidShown(spec.child('clusterIPs').index(i), goStringSlice(ips), 'may not change once set'));
        });
    }
    return causes;
}
export function validateServiceStatusUpdate(svc, old) {
    return validateObjectMetaUpdate(svc.metadata, old.metadata);
}
//# sourceMappingURL=service.js.map