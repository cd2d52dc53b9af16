// The API server: HTTPS with client-certificate or bearer-token (service account) authentication, then
// routing to health, version, discovery, OpenAPI and the resources. No request can crash it: every
// failure becomes a Status.

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { KubeletProxy } from './proxy/kubelet.js';
import { ApiError } from '../api/errors.js';
import type { Pki } from './auth/certs.js';
import { requestAttributes } from './auth/attributes.js';
import { authorize, authorizeNonResource } from './auth/authorize.js';
import type { ServiceAccountTokens } from './auth/token-authenticator.js';
import { ISSUER_DISCOVERY_PATHS } from './auth/token-signer.js';
import { handleTokenRequest, handleTokenReview, serveIssuerDiscovery } from './handlers/tokens.js';
import { handleAccessReview, handleRulesReview } from './handlers/access-reviews.js';
import { ANONYMOUS, userFromSocket, type UserInfo } from './auth/identity.js';
import { impersonate } from './auth/impersonation.js';
import { describeRequest, type AuditLog, type AuditRecord } from './audit.js';
import { handleSelfSubjectReview } from './handlers/whoami.js';
import { statusOf, toApiError } from './http/status.js';
import { parseResourcePath } from './http/route.js';
import { handleResource } from './handlers/resource.js';
import { WatchBudget } from './handlers/watch-budget.js';
import { sendJson } from './handlers/respond.js';
import { handleMeta } from './handlers/meta.js';
import type { Registry } from './registry/index.js';
import { checkDryRun, type RequestContext } from './registry/context.js';
import { serveMetrics } from './metrics/endpoint.js';
import type { MetricsApi } from './metrics/metrics-api.js';
import type { ApiServerMetrics } from './metrics/request-metrics.js';
import { CA_PATH } from './cacerts-path.js';

/** Paths any client may read without credentials, as kube-apiserver's default RBAC allows. */
const PUBLIC = new Set(['/livez', '/readyz', '/healthz', '/version']);


/** Extra handlers mounted by other components (the kubelet proxy, the dashboard). */
export type SubresourceHandler = (req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo) => Promise<boolean>;

export interface ApiServerOptions {
  pki: Pki;
  registry: Registry;
  ready: () => boolean;
  kubeletProxy?: KubeletProxy;
  extraHandlers?: SubresourceHandler[];
  /** The memory watches may hold for slow clients (default 256 MiB in all, 16 MiB each). */
  watchBudget?: WatchBudget;
  /** Counts every request and serves /metrics. */
  metrics?: ApiServerMetrics;
  /** Serves metrics.k8s.io (NodeMetrics, PodMetrics). */
  metricsApi?: MetricsApi;
  /** Service-account tokens: bearer authentication, TokenRequest, TokenReview, issuer discovery. */
  tokens?: ServiceAccountTokens;
  /** Where every request is recorded (--audit-log). */
  audit?: AuditLog;
  /** Bearer tokens that join nodes (the join token's secret): the bootstrap user they stand for, or null. */
  bootstrapTokens?: (bearer: string) => UserInfo | null;
}

function fail(res: ServerResponse, e: unknown, audit?: AuditRecord): void {
  const err = toApiError(e);
  if (audit) audit.status = statusOf(err);
  if (err.code === 'InternalError') console.error('berth apiserver: internal error:', e);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, err.httpStatus, statusOf(err));
}

/** The verb of a non-resource request: the method, lowercased (HEAD reads as get). */
function pathVerb(req: IncomingMessage): string {
  return req.method === 'GET' || req.method === 'HEAD' ? 'get' : (req.method ?? '').toLowerCase();
}

function contextFor(user: UserInfo, q: URLSearchParams, userAgent: string | undefined): RequestContext {
  const dryRun = q.getAll('dryRun');
  checkDryRun(dryRun);
  const fv = q.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv)) throw new ApiError('BadRequest', `fieldValidation must be one of "Strict", "Warn", "Ignore"; got "${fv}"`);
  const fm = q.get('fieldManager') ?? undefined;
  return { user, dryRun: dryRun.length > 0, fieldManager: fm, userAgent, fieldValidation: fv, warnings: [] };
}

/**
 * Serves one request. An in-process component's request (./in-process-transport.ts) comes with its
 * caller, known when its transport was made; every other request is authenticated here.
 */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse, caller?: UserInfo) => void;

/**
 * The caller: a verified client certificate first (read once per connection), else a valid
 * service-account bearer token; null for neither (a bad token included).
 */
function authenticator(opts: Pick<ApiServerOptions, 'tokens' | 'bootstrapTokens'>): (req: IncomingMessage) => Promise<UserInfo | null> {
  const { tokens } = opts;
  return async (req) => {
    const byCert = userFromSocket(req.socket as TLSSocket);
    if (byCert) return byCert;
    const m = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
    if (!m) return null;
    const bootstrap = opts.bootstrapTokens?.(m[1]!);
    if (bootstrap) return bootstrap;
    return tokens ? ((await tokens.authenticate(m[1]!))?.user ?? null) : null;
  };
}

export function createApiHandler(opts: ApiServerOptions): ApiHandler {
  const { pki, registry, tokens } = opts;
  const watchBudget = opts.watchBudget ?? new WatchBudget();
  const authenticate = authenticator(opts);

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL | undefined, known?: UserInfo): Promise<void> {
    const audit = opts.audit?.begin(req, res);
    if (!url) throw new ApiError('BadRequest', 'malformed request URL');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const caller = known ?? (await authenticate(req));
    if (audit && caller) audit.user = caller;
    if (path === CA_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      // The CA is public; a joining node checks it against its token's hash before trusting it.
      res.writeHead(200, { 'content-type': 'application/x-pem-file', 'content-length': Buffer.byteLength(pki.ca.cert) });
      return void res.end(req.method === 'HEAD' ? undefined : pki.ca.cert);
    }
    if (PUBLIC.has(path) || path.startsWith('/livez/') || path.startsWith('/readyz/')) {
      if (audit) audit.user = caller ?? ANONYMOUS;
      return handleMeta(req, res, path, caller ?? ANONYMOUS, opts.ready, registry.customResources);
    }
    if (!caller) {
      // Drain the body so the connection stays usable, then refuse.
      req.resume();
      const status = statusOf(new ApiError('Unauthorized', 'Unauthorized'));
      if (audit) audit.status = status;
      return sendJson(res, 401, status);
    }
    if (audit) describeRequest(audit, req.method ?? 'GET', path, url.searchParams);
    // From here on the request acts as whom it impersonates, once the caller may.
    const { user, impersonator } = impersonate(caller, req, registry);
    if (audit && impersonator) audit.impersonatedUser = user;
    if (opts.kubeletProxy && (await opts.kubeletProxy.handle(req, res, url, user))) return;
    for (const h of opts.extraHandlers ?? []) if (await h(req, res, url, user)) return;
    if (opts.metrics && (await serveMetrics(req, res, url, user, opts.metrics, registry))) return;
    if (opts.metricsApi && (await opts.metricsApi.handle(req, res, url, user))) return;
    if (tokens && ISSUER_DISCOVERY_PATHS.has(path)) {
      authorizeNonResource(user, pathVerb(req), path, registry);
      return serveIssuerDiscovery(res, path, tokens);
    }
    const route = parseResourcePath(path, (g, v, p) => registry.customResources.find(g, v, p));
    if (!route) {
      // Discovery, OpenAPI: what system:discovery grants every authenticated user.
      authorizeNonResource(user, pathVerb(req), path, registry);
      return handleMeta(req, res, path, user, opts.ready, registry.customResources);
    }
    authorize(user, requestAttributes(req.method ?? 'GET', route, url.searchParams), registry);
    if (route.resource.kind === 'SelfSubjectReview') return handleSelfSubjectReview(req, res, contextFor(user, url.searchParams, req.headers['user-agent']));
    if (route.resource.group === 'authorization.k8s.io') {
      const ctx = contextFor(user, url.searchParams, req.headers['user-agent']);
      if (route.resource.kind === 'SelfSubjectRulesReview') return handleRulesReview(req, res, registry, ctx);
      return handleAccessReview(req, res, route.resource.kind, route.namespace, registry, ctx);
    }
    if (route.resource.kind === 'TokenReview' || route.subresource === 'token') {
      if (!tokens) throw new ApiError('NotFound', 'the server could not find the requested resource');
      const ctx = contextFor(user, url.searchParams, req.headers['user-agent']);
      if (route.resource.kind === 'TokenReview') return handleTokenReview(req, res, tokens, ctx);
      return handleTokenRequest(req, res, route.namespace!, route.name!, registry, tokens, ctx);
    }
    await registry.customResources.whenServed(route.resource);
    const ctx = contextFor(user, url.searchParams, req.headers['user-agent']);
    if (audit) ctx.auditAnnotations = audit.annotations = {};
    await handleResource(req, res, url, route, registry, ctx, watchBudget);
  }

  return (req, res, caller) => {
    // Parsed once for the metrics and the request itself.
    let url: URL | undefined;
    try {
      url = new URL(req.url ?? '/', 'https://berth');
    } catch {
      url = undefined;
    }
    if (url) opts.metrics?.track(req, res, url);
    void serve(req, res, url, caller).catch((e) => fail(res, e, opts.audit?.recordOf(res)));
  };
}

export function createApiServer(opts: ApiServerOptions): Server {
  const { pki, registry } = opts;
  const handle = createApiHandler(opts);
  const authenticate = authenticator(opts);
  const server = createServer(
    { key: pki.serving.key, cert: pki.serving.cert, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: false, keepAliveTimeout: 65_000 },
    (req, res) => handle(req, res),
  );
  server.headersTimeout = 60_000;
  server.requestTimeout = 0;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the socket over with no error listener: a reset must end this connection only.
    socket.on('error', () => socket.destroy());
    const audit = opts.audit?.beginUpgrade(req, socket);
    const refuse = (e: unknown): void => {
      const err = toApiError(e);
      const status = statusOf(err);
      if (audit) audit.status = status;
      const body = JSON.stringify(status);
      socket.end(`HTTP/1.1 ${err.httpStatus} ${err.code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    void (async () => {
      const caller = await authenticate(req);
      if (!caller) throw new ApiError('Unauthorized', 'Unauthorized');
      const url = new URL(req.url ?? '/', 'https://berth');
      if (audit) {
        audit.user = caller;
        describeRequest(audit, req.method ?? 'GET', url.pathname, url.searchParams);
      }
      const { user, impersonator } = impersonate(caller, req, registry);
      if (audit && impersonator) audit.impersonatedUser = user;
      if (!opts.kubeletProxy?.handleUpgrade(req, socket, head, url, user)) throw new ApiError('NotFound', 'the server could not find the requested resource');
    })().catch(refuse);
  });
  // A request Node cannot parse (raw non-ASCII in the path, broken headers) gets a 400 Status, as
  // kube-apiserver gives one, rather than a silent hang-up.
  server.on('clientError', (e: NodeJS.ErrnoException, socket: Duplex) => {
    if (e.code === 'ECONNRESET' || !socket.writable || (e as { rawPacket?: unknown }).rawPacket === undefined) {
      socket.destroy();
      return;
    }
    const raw = (e as { rawPacket?: Buffer }).rawPacket;
    const body = JSON.stringify(statusOf(new ApiError('BadRequest', `malformed HTTP request: ${e.message}`)));
    const head = `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    socket.end(Buffer.isBuffer(raw) && raw.subarray(0, 5).toString('latin1') === 'HEAD ' ? head : head + body);
  });
  return server;
}
