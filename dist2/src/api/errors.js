// One closed vocabulary of errors for every layer below the API server. Only the API server turns
// them into Kubernetes Status objects (see apiserver/status.ts), so the store and the components
// never speak HTTP.
/** HTTP status for each code, as Kubernetes answers it. */
export const httpStatusOf = {
    NotFound: 404,
    AlreadyExists: 409,
    Conflict: 409,
    Invalid: 422,
    BadRequest: 400,
    Forbidden: 403,
    Unauthorized: 401,
    Expired: 410,
    Gone: 410,
    MethodNotAllowed: 405,
    NotAcceptable: 406,
    UnsupportedMediaType: 415,
    RequestEntityTooLarge: 413,
    TooManyRequests: 429,
    Timeout: 504,
    InternalError: 500,
    ServiceUnavailable: 503,
};
export class ApiError extends Error {
    code;
    details;
    /** The Status's ListMeta: an expired paged list hands out a token to go on with. */
    listMeta;
    constructor(code, message, details, listMeta) {
        super(message);
        this.name = 'ApiError';
        this.code = code;
        this.details = details;
        this.listMeta = listMeta;
    }
    get httpStatus() {
        return httpStatusOf[this.code];
    }
}
export function isApiError(e, code) {
    return e instanceof ApiError && (code === undefined || e.code === code);
}
/** `pods "x" not found`, worded as Kubernetes words it. */
export function notFound(resource, name, group = '') {
    const what = group ? `${resource}.${group}` : resource;
    return new ApiError('NotFound', `${what} "${name}" not found`, { name, kind: resource, ...(group ? { group } : {}) });
}
export function alreadyExists(resource, name, group = '') {
    const what = group ? `${resource}.${group}` : resource;
    return new ApiError('AlreadyExists', `${what} "${name}" already exists`, { name, kind: resource, ...(group ? { group } : {}) });
}
export function conflict(resource, name, why = 'the object has been modified; please apply your changes to the latest version and try again', group = '') {
    const what = group ? `${resource}.${group}` : resource;
    return new ApiError('Conflict', `Operation cannot be fulfilled on ${what} "${name}": ${why}`, { name, kind: resource, ...(group ? { group } : {}) });
}
/** `pods "x" is forbidden: why` (no name: `pods is forbidden: why`), as NewForbidden words it. */
export function forbidden(resource, name, why, group = '') {
    const what = group ? `${resource}.${group}` : resource;
    return new ApiError('Forbidden', `${name ? `${what} "${name}"` : what} is forbidden: ${why}`, { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource });
}
/** A 422 built from field causes: `Pod "x" is invalid: [a: b, c: d]`. */
export function invalid(kind, name, causes, group = '') {
    const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
    const what = group ? `${kind}.${group}` : kind;
    return new ApiError('Invalid', `${what} "${name}" is invalid: ${list}`, { name, kind, ...(group ? { group } : {}), causes });
}
//# sourceMappingURL=errors.js.map