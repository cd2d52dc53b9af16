// `GET /metrics`: the API server's metrics for those RBAC lets get the path (the admin, system:monitoring).
import { ApiError } from '../../api/errors.js';
import { RESOURCES } from '../../api/schema/resources.js';
import { PROMETHEUS_CONTENT_TYPE } from '../../util/prometheus.js';
import { authorizeNonResource } from '../auth/authorize.js';
export async function serveMetrics(req, res, url, user, metrics, authz) {
    if (url.pathname !== '/metrics')
        return false;
    const verb = (req.method ?? 'GET').toLowerCase();
    authorizeNonResource(user, verb === 'head' ? 'get' : verb, '/metrics', authz);
    if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const body = metrics.render();
    res.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
}
/** What the watch caches know, for the gauges: watchers fed and objects held, per stored resource. */
export function cacheGauges(registry) {
    const each = (read) => () => RESOURCES.flatMap((r) => {
        const s = registry.storage(r);
        return s ? [read(s, r)] : [];
    });
    return {
        watchers: each((s, r) => ({ labels: { group: r.group, version: r.version, kind: r.kind }, value: s.cache.watcherCount })),
        objects: each((s, r) => ({ labels: { resource: r.group ? `${r.plural}.${r.group}` : r.plural }, value: s.cache.size })),
    };
}
//# sourceMappingURL=endpoint.js.map