// The store contract: keys to bytes with one global revision, like kine over SQL or etcd itself.
// Kubernetes semantics live above it, in apiserver/registry.
/** etcd's default --max-request-bytes: the same cluster on etcd would refuse anything larger. */
export const DEFAULT_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;
/** Store-level errors, mapped to Kubernetes Status by the API server. */
export class StoreError extends Error {
    code;
    currentRevision;
    constructor(code, message, currentRevision) {
        super(message);
        this.code = code;
        this.currentRevision = currentRevision;
        this.name = 'StoreError';
    }
}
//# sourceMappingURL=types.js.map