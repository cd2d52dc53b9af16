// networking.k8s.io/v1 NetworkPolicy defaults, as upstream's: every port's protocol is TCP unless
// named, and a policy without policyTypes is an Ingress policy, and an Egress one too when it has
// egress rules.
export function defaultNetworkPolicy(np) {
    np.spec ??= {};
    const spec = np.spec;
    spec.podSelector ??= {};
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
        for (const port of rule?.ports ?? [])
            if (port && typeof port === 'object')
                port.protocol ??= 'TCP';
    }
    if (!spec.policyTypes?.length)
        spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}
//# sourceMappingURL=networkpolicy.js.map