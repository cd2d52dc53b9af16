// The edge where berth's errors become Kubernetes Status objects.
import { ApiError, httpStatusOf } from '../../api/errors.js';
export function statusOf(e) {
    const s = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: { ...e.listMeta },
        status: 'Failure',
        message: e.message,
        reason: e.code === 'Gone' ? 'Gone' : e.code,
        code: httpStatusOf[e.code],
    };
    if (e.details && Object.keys(e.details).length)
        s.details = { ...e.details };
    return s;
}
/** Anything thrown that is not an ApiError is a bug: report it as a 500 without crashing. */
export function toApiError(e) {
    if (e instanceof ApiError)
        return e;
    return new ApiError('InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
}
export function successStatus(details) {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200, ...(details ? { details } : {}) };
}
//# sourceMappingURL=status.js.map