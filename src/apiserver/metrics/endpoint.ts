// `GET /metrics`: the API server's metrics for the admin; anybody else is refused as upstream's RBAC
// refuses a non-resource path nobody granted.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../api/errors.js';
import { RESOURCES } from '../../api/schema/resources.js';
import { PROMETHEUS_CONTENT_TYPE, type Labels } from '../../util/prometheus.js';
import { authorizeNonResource } from '../auth/authorize.js';
import type { UserInfo } from '../auth/identity.js';
import type { Registry } from '../registry/index.js';
import type { ApiServerMetrics } from './request-metrics.js';

export async function serveMetrics(req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo, metrics: ApiServerMetrics): Promise<boolean> {
  if (url.pathname !== '/metrics') return false;
  const verb = (req.method ?? 'GET').toLowerCase();
  authorizeNonResource(user, verb === 'head' ? 'get' : verb, '/metrics');
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const body = metrics.render();
  res.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** apiserver_registered_watchers: the watchers each stored resource's watch cache feeds. */
export function registeredWatchers(registry: Registry): { labels: Labels; value: number }[] {
  return RESOURCES.flatMap((r) => {
    const s = registry.storage(r);
    return s ? [{ labels: { group: r.group, version: r.version, kind: r.kind }, value: s.cache.watcherCount }] : [];
  });
}
