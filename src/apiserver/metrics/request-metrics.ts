// The API server's own metrics, served at /metrics in Prometheus text for the admin, with upstream's
// names and labels: requests by verb, resource and code (apiserver_request_total) and their latency
// (apiserver_request_duration_seconds), the watches open (apiserver_longrunning_requests,
// apiserver_registered_watchers) and the store's latency (etcd_request_duration_seconds).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { flagParam } from '../../api/params.js';
import { Counter, Gauge, Histogram, MetricsRegistry, type Labels } from '../../util/prometheus.js';
import { storeLatency } from './store-metrics.js';

/** Upstream's buckets for apiserver_request_duration_seconds. */
const REQUEST_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];
const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

interface RequestInfo {
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  scope: string;
}

/** What a request is, for its labels, read from its method and URL as upstream's RequestInfo reads it. */
export function requestInfo(method: string, url: URL, contentType = ''): RequestInfo {
  const parts = url.pathname.split('/').filter(Boolean);
  let rest: string[];
  let group = '';
  let version = '';
  if (parts[0] === 'api' && parts.length >= 3) [version, rest] = [parts[1]!, parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  else return { verb: method, group: '', version: '', resource: '', subresource: '', scope: '' };
  let namespaced = false;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespaced = true;
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource = ''] = rest;
  let verb = method;
  if (method === 'GET' || method === 'HEAD') {
    verb = flagParam(url.searchParams, 'watch') ? 'WATCH' : name === undefined ? 'LIST' : 'GET';
  } else if (method === 'PATCH' && contentType.startsWith('application/apply-patch')) {
    verb = 'APPLY';
  }
  if (CONNECT_SUBRESOURCES.has(subresource)) verb = 'CONNECT';
  const scope = name !== undefined ? 'resource' : namespaced ? 'namespace' : 'cluster';
  return { verb, group, version, resource, subresource, scope };
}

type Samples = () => { labels: Labels; value: number }[];

export interface CacheGauges {
  /** Watchers each stored resource's watch cache feeds. */
  watchers: Samples;
  /** Objects stored per resource. */
  objects: Samples;
}

export class ApiServerMetrics {
  readonly #registry = new MetricsRegistry();
  readonly #requests: Counter;
  readonly #durations: Histogram;
  readonly #longRunning = new Map<string, { labels: Labels; value: number }>();
  readonly storeLatency: Histogram;

  constructor(caches: () => CacheGauges) {
    const r = this.#registry;
    const labelNames = ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component'];
    this.#requests = r.register(new Counter('apiserver_request_total', '[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.', [...labelNames, 'code']));
    this.#durations = r.register(new Histogram('apiserver_request_duration_seconds', '[STABLE] Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.', labelNames, REQUEST_BUCKETS));
    r.register(new Gauge('apiserver_longrunning_requests', '[STABLE] Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.', () => [...this.#longRunning.values()]));
    r.register(new Gauge('apiserver_registered_watchers', '[ALPHA] Number of currently registered watchers for a given resources', () => caches().watchers()));
    r.register(new Gauge('apiserver_storage_objects', '[STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.', () => caches().objects()));
    this.storeLatency = r.register(storeLatency());
  }

  /** Counts the request (its URL as the server parsed it) when it ends, and while it runs if it is a watch or a stream. */
  track(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const method = req.method ?? 'GET';
    const info = requestInfo(method, url, req.headers['content-type']);
    const labels: Labels = {
      verb: info.verb,
      dry_run: url.searchParams.getAll('dryRun').length ? 'All' : '',
      group: info.group,
      version: info.version,
      resource: info.resource,
      subresource: info.subresource,
      scope: info.scope,
      component: 'apiserver',
    };
    const start = performance.now();
    const longRunning = info.verb === 'WATCH' || info.verb === 'CONNECT';
    // Upstream's long-running gauge has no dry_run label.
    const { dry_run: _, ...running } = labels;
    const key = longRunning ? JSON.stringify(running) : '';
    if (longRunning) {
      const g = this.#longRunning.get(key) ?? { labels: running, value: 0 };
      g.value++;
      this.#longRunning.set(key, g);
    }
    res.once('close', () => {
      this.#requests.inc({ ...labels, code: String(res.statusCode) });
      this.#durations.observe(labels, (performance.now() - start) / 1000);
      if (longRunning) this.#longRunning.get(key)!.value--;
    });
  }

  render(): string {
    return this.#registry.render();
  }
}
