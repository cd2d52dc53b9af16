// The rows of `kubectl get` for Ingresses (NAME CLASS HOSTS ADDRESS PORTS AGE) and IngressClasses
// (NAME CONTROLLER PARAMETERS AGE), with upstream's columns and formatting.
import { ageColumn, column, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
const NET = (t) => `io.k8s.api.networking.v1.${t}`;
/** Up to three hosts, then how many more; `*` when no rule names one. */
function hosts(ing) {
    const rules = ing.spec?.rules ?? [];
    const named = rules.slice(0, 3).map((r) => r.host).filter((h) => !!h);
    if (!named.length)
        return '*';
    return rules.length > 3 ? `${named.join(',')} + ${rules.length - 3} more...` : named.join(',');
}
/** The load balancer's addresses, cut at 16 characters unless wide, as kubectl's stringer does. */
function addresses(ing, wide) {
    const all = (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean).join(',');
    return all.length > 16 && !wide ? `${all.slice(0, 13)}...` : all;
}
export function ingressColumns() {
    return [
        nameColumn(),
        column('Class', doc(NET('IngressSpec'), 'ingressClassName')),
        column('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
        column('Address', 'Address is a list containing ingress points for the load-balancer'),
        column('Ports', 'Ports of TLS configurations that open'),
        ageColumn(),
    ];
}
export function ingressCells(o, now) {
    const ing = o;
    return [o.metadata.name, ing.spec?.ingressClassName ?? '<none>', hosts(ing), addresses(ing, false), ing.spec?.tls?.length ? '80, 443' : '80', since(o.metadata.creationTimestamp, now)];
}
export function ingressClassColumns() {
    return [nameColumn(), column('Controller', doc(NET('IngressClassSpec'), 'controller')), column('Parameters', doc(NET('IngressClassSpec'), 'parameters')), ageColumn()];
}
export function ingressClassCells(o, now) {
    const p = o.spec?.parameters;
    const parameters = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [o.metadata.name, o.spec?.controller ?? '', parameters, since(o.metadata.creationTimestamp, now)];
}
//# sourceMappingURL=ingress.js.map