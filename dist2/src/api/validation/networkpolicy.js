// networking.k8s.io/v1 NetworkPolicy rules, worded as pkg/apis/networking/validation: valid selectors,
// ports that are numbers in range or port names (endPort only after a numeric port, and not below it),
// peers that name something (an ipBlock alone), ipBlocks whose cidr parses and whose excepts lie
// strictly inside it, and at most the two policy types.
import { cidrContains, parseCidr } from '../cidr.js';
import { validateLabelSelector } from './apps.js';
import { FieldPath, forbidden, inclusiveRange, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isPortName, nameIsDNSSubdomain } from './names.js';
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const CIDR_FORMAT = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
function portNumber(n, path) {
    return n >= 1 && n <= 65535 ? [] : [invalidValue(path, n, inclusiveRange(1, 65535))];
}
function validatePort(p, path) {
    const causes = [];
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol))
        causes.push(unsupportedValue(path.child('protocol'), p.protocol, PROTOCOLS));
    const endPort = path.child('endPort');
    if (p.port === undefined) {
        if (p.endPort !== undefined)
            causes.push(invalidValue(endPort, p.endPort, 'may not be specified when `port` is not specified'));
    }
    else if (typeof p.port === 'number') {
        causes.push(...portNumber(p.port, path.child('port')));
        if (p.endPort !== undefined) {
            if (p.endPort < p.port)
                causes.push(invalidValue(endPort, p.endPort, 'must be greater than or equal to `port`'));
            causes.push(...portNumber(p.endPort, endPort));
        }
    }
    else {
        if (p.endPort !== undefined)
            causes.push(invalidValue(endPort, p.endPort, 'may not be specified when `port` is non-numeric'));
        causes.push(...invalidEach(path.child('port'), p.port, isPortName(p.port)));
    }
    return causes;
}
function validateIPBlock(b, path) {
    if (!b.cidr)
        return [requiredValue(path.child('cidr'))];
    const cidr = parseCidr(b.cidr);
    if (!cidr)
        return [invalidValue(path.child('cidr'), b.cidr, CIDR_FORMAT)];
    const causes = [];
    (b.except ?? []).forEach((e, i) => {
        const at = path.child('except').index(i);
        const except = parseCidr(e);
        if (!except)
            causes.push(invalidValue(at, e, CIDR_FORMAT));
        else if (except.prefix <= cidr.prefix || !cidrContains(cidr, except))
            causes.push(invalidValue(at, e, 'must be a strict subset of `cidr`'));
    });
    return causes;
}
function validatePeer(peer, path) {
    const causes = [];
    if (peer.podSelector)
        causes.push(...validateLabelSelector(peer.podSelector, path.child('podSelector')));
    if (peer.namespaceSelector)
        causes.push(...validateLabelSelector(peer.namespaceSelector, path.child('namespaceSelector')));
    if (peer.ipBlock)
        causes.push(...validateIPBlock(peer.ipBlock, path.child('ipBlock')));
    const named = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((p) => p !== undefined && p !== null).length;
    if (named === 0)
        causes.push(requiredValue(path, 'must specify a peer'));
    else if (named > 1 && peer.ipBlock)
        causes.push(forbidden(path, 'may not specify both ipBlock and another peer'));
    return causes;
}
function validateRules(rules, path, peersField) {
    return rules.flatMap((r, i) => {
        const at = path.index(i);
        return [
            ...(r.ports ?? []).flatMap((p, j) => validatePort(p, at.child('ports').index(j))),
            ...(r.peers ?? []).flatMap((p, j) => validatePeer(p, at.child(peersField).index(j))),
        ];
    });
}
function validateSpec(np) {
    const path = FieldPath.root('spec');
    const s = np.spec ?? {};
    const causes = [
        ...validateLabelSelector(s.podSelector ?? {}, path.child('podSelector')),
        ...validateRules((s.ingress ?? []).map((r) => ({ ports: r.ports, peers: r.from })), path.child('ingress'), 'from'),
        ...validateRules((s.egress ?? []).map((r) => ({ ports: r.ports, peers: r.to })), path.child('egress'), 'to'),
    ];
    const types = s.policyTypes ?? [];
    if (types.length > POLICY_TYPES.length)
        return [...causes, invalidValue(path.child('policyTypes'), types, 'may not specify more than two policyTypes')];
    types.forEach((t, i) => {
        if (!POLICY_TYPES.includes(t))
            causes.push(unsupportedValue(path.child('policyTypes').index(i), t, POLICY_TYPES));
    });
    return causes;
}
export function validateNetworkPolicy(np) {
    return [...validateObjectMeta(np.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateSpec(np)];
}
export function validateNetworkPolicyUpdate(np, old) {
    return [...validateObjectMetaUpdate(np.metadata, old.metadata), ...validateSpec(np)];
}
//# sourceMappingURL=networkpolicy.js.map