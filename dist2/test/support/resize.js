/** A sleeping busybox Pod with cpu and memory requests below its limits. */
export const burstable = (name) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sleep', '3600'],
                resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } }] },
});
export const limits = (name, l, r) => ({ spec: { containers: [{ name, resources: { limits: l, ...(r ? { requests: r } : {}) } }] } });
export const resizePatch = (k, pod, patch, type = 'strategic') => k(['patch', 'pod', pod, '--subresource', 'resize', '--type', type, '-p', JSON.stringify(patch)]);
//# sourceMappingURL=resize.js.map