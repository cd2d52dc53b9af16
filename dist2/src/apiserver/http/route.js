// Parses a resource URL into its parts, the way kube-apiserver's RequestInfo does.
import { ApiError } from '../../api/errors.js';
import { findResource } from '../../api/schema/resources.js';
/** A malformed escape (`%E0%A4%A`, a lone `%`) is the client's error, not the server's. */
function decodeSegment(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        throw new ApiError('BadRequest', `malformed escape in the request path: ${JSON.stringify(s.slice(0, 100))}`);
    }
}
/** null when the path is not a resource path (discovery, health, …). */
export function parseResourcePath(pathname, custom) {
    const parts = pathname.split('/').filter(Boolean).map(decodeSegment);
    let group;
    let version;
    let rest;
    if (parts[0] === 'api' && parts.length >= 3) {
        group = '';
        version = parts[1];
        rest = parts.slice(2);
    }
    else if (parts[0] === 'apis' && parts.length >= 4) {
        group = parts[1];
        version = parts[2];
        rest = parts.slice(3);
    }
    else {
        return null;
    }
    let namespace;
    // /namespaces/<ns>/<resource>… is namespaced; /namespaces/<ns>[/status|/finalize] is the Namespace itself.
    const namespaceItself = rest[0] === 'namespaces' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
    if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceItself) {
        namespace = rest[1];
        rest = rest.slice(2);
    }
    const [plural, name, subresource, ...extra] = rest;
    const resource = findResource(group, version, plural) ?? custom?.(group, version, plural);
    if (!resource || extra.length)
        throw new ApiError('NotFound', 'the server could not find the requested resource');
    if (namespace !== undefined && !resource.namespaced)
        throw new ApiError('NotFound', 'the server could not find the requested resource');
    if (subresource !== undefined && !resource.subresources.includes(subresource)) {
        throw new ApiError('NotFound', 'the server could not find the requested resource');
    }
    return { resource, namespace, name, subresource };
}
//# sourceMappingURL=route.js.map