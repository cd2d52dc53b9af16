// core/v1 Service defaults, as upstream's SetDefaults_Service and the registry's family defaulting
// give them: ClusterIP, TCP ports whose targetPort is the port, no session affinity, Cluster traffic
// policies, and one IPv4 family (berth's Service range is IPv4 only).
/** How long a ClientIP affinity sticks when the Service does not say (3 hours, as upstream). */
const DEFAULT_AFFINITY_SECONDS = 10800;
export function defaultService(svc) {
    svc.spec ??= {};
    const spec = svc.spec;
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    if (spec.sessionAffinity === 'ClientIP') {
        spec.sessionAffinityConfig ??= {};
        spec.sessionAffinityConfig.clientIP ??= {};
        spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= DEFAULT_AFFINITY_SECONDS;
    }
    for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
        if (!p || typeof p !== 'object')
            continue;
        p.protocol ??= 'TCP';
        if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '')
            p.targetPort = p.port;
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
        spec.externalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'LoadBalancer')
        spec.allocateLoadBalancerNodePorts ??= true;
    if (spec.type === 'ExternalName')
        return;
    spec.internalTrafficPolicy ??= 'Cluster';
    // clusterIP and clusterIPs say the same thing; whichever the client set fills the other.
    if (!spec.clusterIP && spec.clusterIPs?.length)
        spec.clusterIP = spec.clusterIPs[0];
    if (spec.clusterIP && !spec.clusterIPs?.length)
        spec.clusterIPs = [spec.clusterIP];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.ipFamilies ??= ['IPv4'];
}
//# sourceMappingURL=service.js.map