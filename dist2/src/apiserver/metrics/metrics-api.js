// metrics.k8s.io/v1beta1 served by the API server itself, so `kubectl top` works with no add-on:
// NodeMetrics and PodMetrics (get, list; Pods per namespace or across all, label and field selectors),
// shaped as metrics-server returns them. Who may read them is decided as for any resource: the admin
// may, a node may not.
import { ApiError, notFound } from '../../api/errors.js';
import { flagParam } from '../../api/params.js';
import { formatQuantity, quantityFromValue } from '../../api/quantity.js';
import { NODE_METRICS, POD_METRICS } from '../../api/schema/metrics.js';
import { goDurationString, metaTime } from '../../api/time.js';
import { authorize } from '../auth/authorize.js';
import { predicatesFrom } from '../handlers/selectors.js';
import { sendJson } from '../handlers/respond.js';
const PREFIX = '/apis/metrics.k8s.io/v1beta1/';
const API_VERSION = 'metrics.k8s.io/v1beta1';
/** The route of a metrics URL, null when it is not one (discovery of the group is not). */
function routeOf(path) {
    if (!path.startsWith(PREFIX))
        return null;
    let parts;
    try {
        parts = path.slice(PREFIX.length).split('/').map(decodeURIComponent);
    }
    catch {
        throw new ApiError('BadRequest', `malformed escape in the request path: ${JSON.stringify(path.slice(0, 100))}`);
    }
    let namespace;
    if (parts[0] === 'namespaces' && parts.length >= 3) {
        namespace = parts[1];
        parts = parts.slice(2);
    }
    const [plural, name, ...extra] = parts;
    if ((plural !== 'nodes' && plural !== 'pods') || extra.length || name === '' || (plural === 'nodes' && namespace !== undefined)) {
        throw new ApiError('NotFound', 'the server could not find the requested resource');
    }
    return { plural, namespace, name };
}
const cpu = (nanocores) => formatQuantity({ nanos: BigInt(nanocores), format: 'DecimalSI' });
const memory = (bytes) => formatQuantity(quantityFromValue(bytes, 'BinarySI'));
function metadata(o, now) {
    return {
        name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        creationTimestamp: metaTime(now),
        ...(o.metadata.labels ? { labels: o.metadata.labels } : {}),
    };
}
const window = (u) => ({ timestamp: metaTime(u.timestamp), window: goDurationString(u.windowMs) });
export class MetricsApi {
    #registry;
    #usage;
    constructor(registry, usage) {
        this.#registry = registry;
        this.#usage = usage;
    }
    /** Answers a metrics.k8s.io resource request; false when the URL is not one. */
    async handle(req, res, url, user) {
        const route = routeOf(url.pathname.replace(/\/+$/, ''));
        if (!route)
            return false;
        const resource = route.plural === 'nodes' ? NODE_METRICS : POD_METRICS;
        if (req.method !== 'GET' && req.method !== 'HEAD') {
            authorize(user, { verb: req.method === 'DELETE' ? 'delete' : 'create', resource, namespace: route.namespace, name: route.name }, this.#registry);
            throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
        }
        const q = url.searchParams;
        const watch = flagParam(q, 'watch');
        authorize(user, { verb: watch ? 'watch' : route.name ? 'get' : 'list', resource, namespace: route.namespace, name: route.name }, this.#registry);
        // Metrics are computed on demand, never stored: there are no changes to watch (nor in metrics-server).
        if (watch)
            throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
        const predicates = route.name ? {} : predicatesFrom(q, route.plural === 'nodes' ? 'Node' : 'Pod');
        const snap = await this.#usage.snapshot();
        const now = Date.now();
        if (route.plural === 'nodes') {
            const nodes = (route.name ? [this.#registry.core('nodes').getEntry(undefined, route.name)?.obj] : (await this.#registry.core('nodes').list(undefined, predicates)).entries.map((e) => e.obj));
            const items = nodes.flatMap((n) => {
                const u = n && snap.nodes.get(n.metadata.name);
                return n && u ? [this.#nodeMetrics(n, u, now)] : [];
            });
            if (route.name)
                return this.#one(res, items[0], 'nodes', route.name);
            return this.#list(res, 'NodeMetricsList', items);
        }
        const pods = (route.name
            ? [this.#registry.core('pods').getEntry(route.namespace, route.name)?.obj]
            : (await this.#registry.core('pods').list(route.namespace, predicates)).entries.map((e) => e.obj));
        const items = pods.flatMap((p) => {
            const u = p && snap.pods.get(`${p.metadata.namespace}/${p.metadata.name}`);
            if (!p || !u || u.uid !== p.metadata.uid)
                return [];
            return [{
                    kind: 'PodMetrics',
                    apiVersion: API_VERSION,
                    metadata: metadata(p, now),
                    ...window(u),
                    containers: u.containers.map((c) => ({ name: c.name, usage: { cpu: cpu(c.usage.cpu), memory: memory(c.usage.memory) } })),
                }];
        });
        if (route.name)
            return this.#one(res, items[0], 'pods', route.name);
        return this.#list(res, 'PodMetricsList', items);
    }
    #nodeMetrics(n, u, now) {
        return { kind: 'NodeMetrics', apiVersion: API_VERSION, metadata: metadata(n, now), ...window(u), usage: { cpu: cpu(u.cpu), memory: memory(u.memory) } };
    }
    #one(res, item, plural, name) {
        if (!item)
            throw notFound(plural, name, 'metrics.k8s.io');
        sendJson(res, 200, item);
        return true;
    }
    #list(res, kind, items) {
        sendJson(res, 200, { kind, apiVersion: API_VERSION, metadata: {}, items });
        return true;
    }
}
//# sourceMappingURL=metrics-api.js.map