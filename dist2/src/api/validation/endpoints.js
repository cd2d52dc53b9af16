// core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlice rules, worded as upstream's ValidateEndpoints
// and ValidateEndpointSlice: addresses that are IPs of the slice's family, ports named when there are
// several and named once, known protocols, size limits, and an address type fixed at creation.
import { isIP } from 'node:net';
import { FieldPath, IP_ERROR, duplicateValue, immutable, inclusiveRange, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain } from './names.js';
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_SLICE_ENDPOINTS = 1000;
const MAX_SLICE_ADDRESSES = 100;
const MAX_SLICE_PORTS = 100;
function tooMany(path, n, max) {
    return { reason: 'FieldValueTooMany', field: path.toString(), message: `Too many: ${n}: must have at most ${max} items` };
}
/** The ports of a subset or slice: a name each when there are several, known protocols. */
function validatePorts(ports, path, portRequired) {
    const causes = [];
    const names = new Set();
    ports.forEach((p, i) => {
        const at = path.index(i);
        const name = p.name ?? '';
        if (ports.length > 1 && !name && portRequired)
            causes.push(requiredValue(at.child('name')));
        if (name)
            causes.push(...invalidEach(at.child('name'), name, isDNS1123Label(name)));
        if (names.has(name))
            causes.push(duplicateValue(at.child('name'), name));
        names.add(name);
        const lo = portRequired ? 1 : 0;
        if (p.port !== undefined && p.port !== null && (!Number.isInteger(p.port) || p.port < lo || p.port > 65535))
            causes.push(invalidValue(at.child('port'), p.port, inclusiveRange(lo, 65535)));
        if (!p.protocol)
            causes.push(requiredValue(at.child('protocol')));
        else if (!PROTOCOLS.includes(p.protocol))
            causes.push(unsupportedValue(at.child('protocol'), p.protocol, PROTOCOLS));
    });
    return causes;
}
function validateAddress(a, at) {
    const causes = [];
    if (!isIP(a.ip ?? ''))
        causes.push(invalidValue(at.child('ip'), a.ip ?? '', IP_ERROR));
    if (a.hostname)
        causes.push(...invalidEach(at.child('hostname'), a.hostname, isDNS1123Label(a.hostname)));
    if (a.nodeName)
        causes.push(...invalidEach(at.child('nodeName'), a.nodeName, isDNS1123Subdomain(a.nodeName)));
    return causes;
}
function validateSubsets(ep) {
    const causes = [];
    (ep.subsets ?? []).forEach((ss, i) => {
        const at = FieldPath.root('subsets').index(i);
        const addresses = ss.addresses ?? [];
        const notReady = ss.notReadyAddresses ?? [];
        if (!addresses.length && !notReady.length)
            causes.push(requiredValue(at, 'must specify `addresses` or `notReadyAddresses`'));
        addresses.forEach((a, j) => causes.push(...validateAddress(a, at.child('addresses').index(j))));
        notReady.forEach((a, j) => causes.push(...validateAddress(a, at.child('notReadyAddresses').index(j))));
        causes.push(...validatePorts(ss.ports ?? [], at.child('ports'), true));
    });
    return causes;
}
export function validateEndpoints(ep) {
    return [...validateObjectMeta(ep.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateSubsets(ep)];
}
export function validateEndpointsUpdate(ep, old) {
    return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateSubsets(ep)];
}
function validateSliceAddress(addr, type, at) {
    if (type === 'FQDN')
        return invalidEach(at, addr, isDNS1123Subdomain(addr));
    const family = type === 'IPv4' ? 4 : 6;
    return isIP(addr) === family ? [] : [invalidValue(at, addr, `must be a valid ${type} address`)];
}
function validateSliceBody(slice) {
    const causes = [];
    const type = slice.addressType;
    if (!type)
        causes.push(requiredValue(FieldPath.root('addressType')));
    else if (!ADDRESS_TYPES.includes(type))
        causes.push(unsupportedValue(FieldPath.root('addressType'), type, ADDRESS_TYPES));
    const endpoints = slice.endpoints ?? [];
    const epPath = FieldPath.root('endpoints');
    if (endpoints.length > MAX_SLICE_ENDPOINTS)
        causes.push(tooMany(epPath, endpoints.length, MAX_SLICE_ENDPOINTS));
    endpoints.forEach((e, i) => {
        const at = epPath.index(i);
        const addresses = e.addresses ?? [];
        if (!addresses.length)
            causes.push(requiredValue(at.child('addresses'), 'must contain at least 1 address'));
        else if (addresses.length > MAX_SLICE_ADDRESSES)
            causes.push(tooMany(at.child('addresses'), addresses.length, MAX_SLICE_ADDRESSES));
        if (type && ADDRESS_TYPES.includes(type))
            addresses.forEach((a, j) => causes.push(...validateSliceAddress(a, type, at.child('addresses').index(j))));
        if (e.hostname)
            causes.push(...invalidEach(at.child('hostname'), e.hostname, isDNS1123Label(e.hostname)));
        if (e.nodeName)
            causes.push(...invalidEach(at.child('nodeName'), e.nodeName, isDNS1123Subdomain(e.nodeName)));
    });
    const ports = slice.ports ?? [];
    if (ports.length > MAX_SLICE_PORTS)
        causes.push(tooMany(FieldPath.root('ports'), ports.length, MAX_SLICE_PORTS));
    causes.push(...validatePorts(ports, FieldPath.root('ports'), false));
    return causes;
}
export function validateEndpointSlice(slice) {
    return [...validateObjectMeta(slice.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateSliceBody(slice)];
}
export function validateEndpointSliceUpdate(slice, old) {
    return [...validateObjectMetaUpdate(slice.metadata, old.metadata), ...validateSliceBody(slice), ...immutable(FieldPath.root('addressType'), slice.addressType, old.addressType)];
}
//# sourceMappingURL=endpoints.js.map