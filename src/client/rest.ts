// A typed-enough REST client for the Kubernetes API: one method per verb, a resource descriptor
// instead of per-kind clients, and errors rebuilt from the server's Status into ApiError.

import { ApiError, httpStatusOf, type ErrorCode } from '../api/errors.js';
import type { KList, KObject, Status, WatchEvent } from '../api/types.js';
import { HttpsTransport } from './https-transport.js';
import { loadKubeconfig } from './kubeconfig.js';
import { resourcePath, type Resource } from './resources.js';
import type { HttpMethod, Transport, TransportResponse } from './transport.js';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

const patchContentType: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export type Query = Record<string, string | number | boolean | undefined>;

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

export interface WriteOptions {
  subresource?: string;
  fieldManager?: string;
  force?: boolean;
  dryRun?: boolean;
}

/** A write whose answer the caller never reads (an Event, a status report): errors still reject, the stored object is not parsed. */
export interface Unanswered { answer: false }

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export class RestClient {
  readonly transport: Transport;
  #userAgent: string;

  constructor(transport: Transport, opts: { userAgent?: string } = {}) {
    this.transport = transport;
    this.#userAgent = opts.userAgent ?? 'berth';
  }

  /** A client over the same connections that writes under another user agent (another field manager). */
  withUserAgent(userAgent: string): RestClient {
    return new RestClient(this.transport, { userAgent });
  }

  static async fromKubeconfig(path: string, opts: { context?: string; userAgent?: string } = {}): Promise<RestClient> {
    return new RestClient(new HttpsTransport(await loadKubeconfig(path, opts.context)), opts);
  }

  get<T extends KObject>(res: Resource, namespace: string | undefined, name: string, opts: { subresource?: string } = {}): Promise<T> {
    return this.#call('GET', resourcePath(res, namespace, name, opts.subresource));
  }

  async list<T extends KObject>(res: Resource, namespace: string | undefined, opts: ListOptions = {}): Promise<KList<T>> {
    const sent = await this.#send('GET', resourcePath(res, namespace) + queryString({ ...opts }), undefined, undefined, true);
    const list = JSON.parse(sent.body) as KList<T>;
    if (sent.items) list.items = sent.items as T[];
    else if (this.transport.shared) list.items = list.items.map((o) => this.transport.shared!(res, o));
    return list;
  }

  /** POST; with `name` + `subresource` it posts to a subresource (e.g. pods/<n>/binding). */
  create(res: Resource, namespace: string | undefined, obj: KObject, opts: WriteOptions & { name?: string } & Unanswered): Promise<void>;
  create<T extends KObject>(res: Resource, namespace: string | undefined, obj: KObject, opts?: WriteOptions & { name?: string }): Promise<T>;
  create<T extends KObject>(res: Resource, namespace: string | undefined, obj: KObject, opts: WriteOptions & { name?: string; answer?: false } = {}): Promise<T | void> {
    return this.#call('POST', resourcePath(res, namespace, opts.name, opts.subresource) + writeQuery(opts), obj, undefined, opts);
  }

  update<T extends KObject>(res: Resource, namespace: string | undefined, obj: KObject, opts: WriteOptions = {}): Promise<T> {
    const name = obj.metadata.name;
    if (!name) throw new ApiError('BadRequest', 'update needs metadata.name');
    return this.#call('PUT', resourcePath(res, namespace, name, opts.subresource) + writeQuery(opts), obj);
  }

  patch(res: Resource, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions & Unanswered): Promise<void>;
  patch<T extends KObject>(res: Resource, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts?: WriteOptions): Promise<T>;
  patch<T extends KObject>(res: Resource, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions & { answer?: false } = {}): Promise<T | void> {
    return this.#call('PATCH', resourcePath(res, namespace, name, opts.subresource) + writeQuery(opts), patch, patchContentType[type], opts);
  }

  delete<T extends KObject>(res: Resource, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<T> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...opts };
    return this.#call('DELETE', resourcePath(res, namespace, name), body);
  }

  /** DELETE of a whole collection (deletecollection), e.g. everything of a kind in a namespace. */
  deleteCollection(res: Resource, namespace: string | undefined, opts: DeleteOptions = {}): Promise<KList> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...opts };
    return this.#call('DELETE', resourcePath(res, namespace), body);
  }

  /** GET of a path outside the resource URLs: discovery (`/api/v1`, `/apis`). */
  discovery<T>(path: string): Promise<T> {
    return this.#call('GET', path);
  }

  /**
   * A watch as an async iterable. An ERROR event (e.g. 410 Expired) ends it by throwing the ApiError
   * it carries; a connection that ends cleanly ends the iteration. Abort the signal to stop.
   */
  async *watch<T extends KObject>(res: Resource, namespace: string | undefined, opts: WatchOptions, signal: AbortSignal): AsyncIterable<WatchEvent<T>> {
    const path = resourcePath(res, namespace) + queryString({ ...opts, watch: true });
    const { status, lines, events } = await this.transport.stream({ method: 'GET', path, headers: this.#headers(), signal, takesItems: true });
    if (status < 200 || status > 299) {
      let body = '';
      for await (const l of events ?? lines) body += typeof l === 'string' ? l : JSON.stringify(l);
      throw errorFromStatus(status, body);
    }
    for await (const item of events ?? lines) {
      // An event handed over in process is the API server's own object already: nothing to parse or swap.
      const handed = typeof item !== 'string';
      const ev = (handed ? item : JSON.parse(item)) as WatchEvent<T>;
      if (ev.type === 'ERROR') {
        const st = ev.object as unknown as Status;
        throw errorFromStatus(st.code ?? 500, JSON.stringify(st));
      }
      if (!handed && this.transport.shared && ev.type !== 'BOOKMARK') ev.object = this.transport.shared(res, ev.object);
      yield ev;
    }
  }

  async #call<T>(method: HttpMethod, path: string, body?: unknown, contentType = 'application/json', opts: { answer?: false } = {}): Promise<T> {
    const res = await this.#send(method, path, body, contentType);
    return (opts.answer === false ? undefined : JSON.parse(res.body)) as T;
  }

  async #send(method: HttpMethod, path: string, body?: unknown, contentType = 'application/json', takesItems = false): Promise<TransportResponse> {
    const headers = this.#headers();
    if (body !== undefined) headers['content-type'] = contentType;
    const res = await this.transport.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body), ...(takesItems ? { takesItems } : {}) });
    if (res.status < 200 || res.status > 299) throw errorFromStatus(res.status, res.body);
    return res;
  }

  #headers(): Record<string, string> {
    return { 'user-agent': this.#userAgent };
  }
}

function queryString(q: Query): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function writeQuery(o: WriteOptions): string {
  return queryString({ fieldManager: o.fieldManager, force: o.force, dryRun: o.dryRun ? 'All' : undefined });
}

const codeOfHttp = new Map<number, ErrorCode>(
  (Object.entries(httpStatusOf) as [ErrorCode, number][]).filter(([c]) => c !== 'Conflict' && c !== 'Gone').map(([c, s]) => [s, c]),
);

/** The server's Status body → ApiError; the code comes from `reason`, else from the HTTP status. */
export function errorFromStatus(httpStatus: number, body: string): ApiError {
  let st: Partial<Status> = {};
  try {
    st = JSON.parse(body) as Partial<Status>;
  } catch {
    // not a Status (a proxy's HTML page, say): keep the text as the message
  }
  const reason = st.reason as ErrorCode | undefined;
  const code: ErrorCode = reason && reason in httpStatusOf ? reason : (codeOfHttp.get(httpStatus) ?? 'InternalError');
  const message = st.message ?? (body.slice(0, 200) || `HTTP ${httpStatus}`);
  return new ApiError(code, message, st.details as ApiError['details']);
}
