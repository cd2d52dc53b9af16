// Pods and patches for the in-place resize tests (kubectl-resize and pod-resize-e2e).
import type { KubectlResult } from './kubectl.js';

/** A sleeping busybox Pod with cpu and memory requests below its limits. */
export const burstable = (name: string) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sleep', '3600'],
    resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } }] },
});
export const limits = (name: string, l: object, r?: object) => ({ spec: { containers: [{ name, resources: { limits: l, ...(r ? { requests: r } : {}) } }] } });
export const resizePatch = (k: (args: string[]) => Promise<KubectlResult>, pod: string, patch: object, type = 'strategic') =>
  k(['patch', 'pod', pod, '--subresource', 'resize', '--type', type, '-p', JSON.stringify(patch)]);
