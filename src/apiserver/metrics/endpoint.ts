// `GET /metrics`: the API server's metrics for those RBAC lets get the path (the admin, system:monitoring).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../api/errors.js';
import { RESOURCES, type ResourceInfo } from '../../api/schema/resources.js';
import { PROMETHEUS_CONTENT_TYPE, type Labels } from '../../util/prometheus.js';
import { authorizeNonResource, type Authorizers } from '../auth/authorize.js';
import type { UserInfo } from '../auth/identity.js';
import type { Registry } from '../registry/index.js';
import type { RestStorage } from '../registry/rest.js';
import type { ApiServerMetrics, CacheGauges } from './request-metrics.js';

export async function serveMetrics(req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo, metrics: ApiServerMetrics, authz: Authorizers): Promise<boolean> {
  if (url.pathname !== '/metrics') return false;
  const verb = (req.method ?? 'GET').toLowerCase();
  authorizeNonResource(user, verb === 'head' ? 'get' : verb, '/metrics', authz);
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const body = metrics.render();
  res.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** What the watch caches know, for the gauges: watchers fed and objects held, per stored resource. */
export function cacheGauges(registry: Registry): CacheGauges {
  const each = (read: (s: RestStorage, r: ResourceInfo) => { labels: Labels; value: number }) => () =>
    RESOURCES.flatMap((r) => {
      const s = registry.storage(r);
      return s ? [read(s, r)] : [];
    });
  return {
    watchers: each((s, r) => ({ labels: { group: r.group, version: r.version, kind: r.kind }, value: s.cache.watcherCount })),
    objects: each((s, r) => ({ labels: { resource: r.group ? `${r.plural}.${r.group}` : r.plural }, value: s.cache.size })),
  };
}
