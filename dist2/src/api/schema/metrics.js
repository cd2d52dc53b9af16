// metrics.k8s.io/v1beta1: the resource metrics API (what metrics-server serves, and berth's API server
// computes from the kubelets' summaries). Read-only and not stored, so it is kept out of RESOURCES,
// which the registry and OpenAPI are generated from; discovery lists both.
const metrics = (kind, plural, namespaced) => ({
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: '',
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ['get', 'list'],
    subresources: [],
});
export const NODE_METRICS = metrics('NodeMetrics', 'nodes', false);
export const POD_METRICS = metrics('PodMetrics', 'pods', true);
export const METRICS_RESOURCES = [NODE_METRICS, POD_METRICS];
//# sourceMappingURL=metrics.js.map