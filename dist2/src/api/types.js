// The object model as it travels on the wire: plain JSON-shaped types. Kubernetes' full schemas are
// far larger; these name only what berth's own code reads and writes, the rest passes through.
/** The annotation that marks a mirror Pod: the API's view of a kubelet's static Pod. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
//# sourceMappingURL=types.js.map