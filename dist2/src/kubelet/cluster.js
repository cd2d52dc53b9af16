// The whole cluster as the kubelet sees it. The kubelet never imports the client or the API server:
// the composition root adapts the REST client and an informer to this interface, and tests pass an
// in-memory fake, so the same kubelet runs in-process, as `berth agent`, or under test.
export {};
//# sourceMappingURL=cluster.js.map