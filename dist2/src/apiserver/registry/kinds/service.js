// Services: the generic strategy plus what upstream's Service REST adds: cluster IPs and node ports
// from the allocator, kept across an update that omits them (kubectl replace/apply of the original
// manifest), and dropped with the type that needed them.
import { genericStrategy } from './generic.js';
const exposesNodePorts = (t) => t === 'NodePort' || t === 'LoadBalancer';
/** What the server chose before (cluster IP, node ports) stays when the update left it out. */
function keepAllocated(svc, old) {
    const s = svc.spec;
    if (!s || !old.spec)
        return;
    const oldHasIP = old.spec.type !== 'ExternalName' && !!old.spec.clusterIP;
    if (oldHasIP && s.type !== 'ExternalName' && !s.clusterIP && !s.clusterIPs?.length) {
        s.clusterIP = old.spec.clusterIP;
        s.clusterIPs = old.spec.clusterIPs;
    }
    if (exposesNodePorts(s.type) && exposesNodePorts(old.spec.type)) {
        for (const p of s.ports ?? []) {
            if (p.nodePort)
                continue;
            const was = old.spec.ports?.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
            if (was?.nodePort)
                p.nodePort = was.nodePort;
        }
    }
}
/** Fields only one type has go when the type changes, if the client left them as they were. */
function dropTypeDependent(svc, old) {
    const s = svc.spec;
    if (!s || !old.spec || s.type === old.spec.type)
        return;
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    if (s.type === 'ExternalName') {
        if (same(s.clusterIP, old.spec.clusterIP))
            delete s.clusterIP;
        if (same(s.clusterIPs, old.spec.clusterIPs))
            delete s.clusterIPs;
        if (same(s.ipFamilies, old.spec.ipFamilies))
            delete s.ipFamilies;
        if (same(s.ipFamilyPolicy, old.spec.ipFamilyPolicy))
            delete s.ipFamilyPolicy;
        if (same(s.internalTrafficPolicy, old.spec.internalTrafficPolicy))
            delete s.internalTrafficPolicy;
    }
    if (!exposesNodePorts(s.type)) {
        for (const p of s.ports ?? []) {
            const was = old.spec.ports?.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
            if (p.nodePort && was?.nodePort === p.nodePort)
                delete p.nodePort;
        }
        if (same(s.externalTrafficPolicy, old.spec.externalTrafficPolicy))
            delete s.externalTrafficPolicy;
    }
}
export function serviceStrategy(allocator) {
    const base = genericStrategy({ kind: 'Service', hasStatus: true, resetStatusOnCreate: true });
    return {
        ...base,
        prepareForCreate(obj) {
            base.prepareForCreate(obj);
            // LoadBalancerStatus is a plain struct upstream: every Service shows it, empty until a balancer fills it.
            obj.status = { loadBalancer: {} };
        },
        prepareForUpdate(obj, old) {
            keepAllocated(obj, old);
            dropTypeDependent(obj, old);
            base.prepareForUpdate(obj, old);
        },
        allocate: (obj) => allocator.allocate(obj),
    };
}
//# sourceMappingURL=service.js.map