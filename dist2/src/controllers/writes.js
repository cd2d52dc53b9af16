// Writes every workload controller makes the same way.
import { isApiError } from '../api/errors.js';
/** The call's result, or undefined when its object is already gone. */
export async function ignoreNotFound(p) {
    try {
        return await p;
    }
    catch (e) {
        if (isApiError(e, 'NotFound'))
            return undefined;
        throw e;
    }
}
/**
 * Writes obj's status when it differs from the one computed. A stale copy (Conflict) is let go: the
 * informer brings the fresh object, and with it another pass.
 */
export async function writeStatus(client, res, obj, status) {
    if (JSON.stringify(status) === JSON.stringify(obj.status ?? {}))
        return;
    try {
        await client.update(res, obj.metadata.namespace, { ...obj, status }, { subresource: 'status' });
    }
    catch (e) {
        if (!isApiError(e, 'Conflict') && !isApiError(e, 'NotFound'))
            throw e;
    }
}
//# sourceMappingURL=writes.js.map