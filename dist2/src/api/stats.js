// The kubelet's Summary API (stats/v1alpha1, `GET /stats/summary`): the shapes the API server's
// resource metrics read. Only the CPU and memory parts berth measures are declared.
export {};
//# sourceMappingURL=stats.js.map