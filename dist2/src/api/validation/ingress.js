// networking.k8s.io/v1 Ingress and IngressClass rules, worded as pkg/apis/networking/validation: an
// Ingress routes somewhere (a default backend or rules), hosts are DNS names (a leading wildcard
// allowed), every path says its type and is absolute for Exact and Prefix, every backend is a Service
// port (by name or number) or a resource, not both; an IngressClass names its controller as a
// domain-prefixed path that never changes.
import { isIP } from 'node:net';
import { FieldPath, forbidden, immutable, inclusiveRange, invalidEach, invalidShown, invalidValue, requiredValue, tooLong, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1035Label, isDNS1123Subdomain, isPortName, nameIsDNSSubdomain } from './names.js';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const PARAMETER_SCOPES = ['Cluster', 'Namespace'];
const WILDCARD_ERROR = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
function validateHost(host, path) {
    const causes = [];
    if (isIP(host))
        causes.push(invalidValue(path, host, 'must be a DNS name, not an IP address'));
    if (host.includes('*')) {
        if (!host.startsWith('*.') || isDNS1123Subdomain(host.slice(2)).length)
            causes.push(invalidValue(path, host, WILDCARD_ERROR));
        return causes;
    }
    return [...causes, ...invalidEach(path, host, isDNS1123Subdomain(host))];
}
function validateBackend(b, path) {
    if (b.resource && b.service)
        return [invalidValue(path, '', 'cannot set both resource and service backends')];
    if (b.resource) {
        const at = path.child('resource');
        return [...(b.resource.kind ? [] : [requiredValue(at.child('kind'))]), ...(b.resource.name ? [] : [requiredValue(at.child('name'))])];
    }
    if (!b.service)
        return [invalidValue(path, '', 'resource or service backend is required')];
    const svc = path.child('service');
    const causes = b.service.name ? invalidEach(svc.child('name'), b.service.name, isDNS1035Label(b.service.name)) : [requiredValue(svc.child('name'))];
    const name = b.service.port?.name ?? '';
    const number = b.service.port?.number ?? 0;
    if (name && number)
        causes.push(invalidValue(path, '', 'cannot set both port name & port number'));
    else if (name)
        causes.push(...invalidEach(svc.child('port').child('name'), name, isPortName(name)));
    else if (number) {
        if (!(number >= 1 && number <= 65535))
            causes.push(invalidValue(svc.child('port').child('number'), number, inclusiveRange(1, 65535)));
    }
    else
        causes.push(requiredValue(path, 'port name or number is required'));
    return causes;
}
function validateHTTPPath(p, path) {
    if (!p.pathType)
        return [requiredValue(path.child('pathType'), 'pathType must be specified')];
    const causes = [];
    const text = p.path ?? '';
    const at = path.child('path');
    if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
        if (!text.startsWith('/'))
            causes.push(invalidValue(at, text, 'must be an absolute path'));
        for (const seq of INVALID_PATH_SEQUENCES)
            if (text.includes(seq))
                causes.push(invalidValue(at, text, `must not contain '${seq}'`));
        for (const suffix of INVALID_PATH_SUFFIXES)
            if (text.endsWith(suffix))
                causes.push(invalidValue(at, text, `cannot end with '${suffix}'`));
    }
    else if (p.pathType === 'ImplementationSpecific') {
        if (text && !text.startsWith('/'))
            causes.push(invalidValue(at, text, 'must be an absolute path'));
    }
    else {
        causes.push(unsupportedValue(path.child('pathType'), p.pathType, PATH_TYPES));
    }
    return [...causes, ...validateBackend(p.backend ?? {}, path.child('backend'))];
}
function validateIngressSpec(ing) {
    const path = FieldPath.root('spec');
    const s = ing.spec ?? {};
    const causes = [];
    if (!s.rules?.length && !s.defaultBackend)
        causes.push(invalidShown(path, '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
    if (s.defaultBackend)
        causes.push(...validateBackend(s.defaultBackend, path.child('defaultBackend')));
    (s.rules ?? []).forEach((r, i) => {
        const at = path.child('rules').index(i);
        if (r.host)
            causes.push(...validateHost(r.host, at.child('host')));
        if (!r.http)
            return;
        const paths = r.http.paths ?? [];
        if (!paths.length)
            causes.push(requiredValue(at.child('http').child('paths')));
        paths.forEach((p, j) => causes.push(...validateHTTPPath(p, at.child('http').child('paths').index(j))));
    });
    (s.tls ?? []).forEach((t, i) => (t.hosts ?? []).forEach((h, j) => causes.push(...validateHost(h, path.child('tls').index(i).child('hosts').index(j)))));
    if (s.ingressClassName)
        causes.push(...invalidEach(path.child('ingressClassName'), s.ingressClassName, isDNS1123Subdomain(s.ingressClassName)));
    return causes;
}
export function validateIngress(ing) {
    return [...validateObjectMeta(ing.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateIngressSpec(ing)];
}
export function validateIngressUpdate(ing, old) {
    return [...validateObjectMetaUpdate(ing.metadata, old.metadata), ...validateIngressSpec(ing)];
}
export function validateIngressStatusUpdate(ing, old) {
    const causes = validateObjectMetaUpdate(ing.metadata, old.metadata);
    (ing.status?.loadBalancer?.ingress ?? []).forEach((lb, i) => {
        const at = FieldPath.root('status').child('loadBalancer').child('ingress').index(i);
        if (lb.ip && !isIP(lb.ip))
            causes.push(invalidValue(at.child('ip'), lb.ip, 'must be a valid IP address'));
        if (lb.hostname && isIP(lb.hostname))
            causes.push(invalidValue(at.child('hostname'), lb.hostname, 'must be a DNS name, not an IP address'));
    });
    return causes;
}
const DOMAIN_PREFIXED_PATH = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/\S+$/;
function validateIngressClassSpec(ic) {
    const path = FieldPath.root('spec');
    const controller = ic.spec?.controller ?? '';
    const at = path.child('controller');
    const causes = [];
    if (controller.length > 250)
        causes.push(tooLong(at, 250));
    if (!controller)
        causes.push(requiredValue(at));
    else if (!DOMAIN_PREFIXED_PATH.test(controller))
        causes.push(invalidValue(at, controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    const params = ic.spec?.parameters;
    if (params) {
        const p = path.child('parameters');
        if (!params.kind)
            causes.push(requiredValue(p.child('kind')));
        if (!params.name)
            causes.push(requiredValue(p.child('name')));
        const scope = params.scope ?? '';
        if (!PARAMETER_SCOPES.includes(scope))
            causes.push(unsupportedValue(p.child('scope'), scope, PARAMETER_SCOPES));
        else if (scope === 'Namespace' && !params.namespace)
            causes.push(requiredValue(p.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
        else if (scope === 'Cluster' && params.namespace)
            causes.push(forbidden(p.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
    }
    return causes;
}
export function validateIngressClass(ic) {
    return [...validateObjectMeta(ic.metadata, { namespaced: false, nameRule: nameIsDNSSubdomain }), ...validateIngressClassSpec(ic)];
}
export function validateIngressClassUpdate(ic, old) {
    return [...validateObjectMetaUpdate(ic.metadata, old.metadata), ...validateIngressClassSpec(ic), ...immutable(FieldPath.root('spec').child('controller'), ic.spec?.controller, old.spec?.controller)];
}
//# sourceMappingURL=ingress.js.map