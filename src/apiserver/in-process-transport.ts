// The transport of the components inside `berth server` (scheduler, controllers, its kubelet): each
// request goes to the API server's own handler as a request held in memory, as the user the
// component's certificate names. Authorization, admission, validation, managedFields, metrics, audit
// and watch semantics are the API's, as over HTTPS; TLS, sockets and HTTP framing are skipped, and a
// watch's lines reach the reader as the watch handler writes them.

import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LineStream } from '../client/line-stream.js';
import type { StreamResponse, Transport, TransportRequest, TransportResponse } from '../client/transport.js';
import type { KObject, WatchEvent } from '../api/types.js';
import { AsyncQueue } from '../util/asyncqueue.js';
import type { Resource } from '../client/resources.js';
import type { UserInfo } from './auth/identity.js';
import type { Registry } from './registry/index.js';
import type { RestStorage } from './registry/rest.js';
import type { ApiHandler } from './server.js';

/** The watch cache's own object for one a component decoded, when the cache holds that very revision. */
export type SharedObjects = (res: Resource, obj: KObject) => KObject | undefined;

/**
 * The registry's built-in resources as SharedObjects. The object is the one the handler serialised
 * for the component, so handing it over instead changes nothing the component sees; the informer
 * that keeps it freezes it, which the cache's objects tolerate (nothing writes to an object once
 * the cache holds it).
 */
export function cachedObjects(registry: Registry): SharedObjects {
  const storages = new Map<string, RestStorage | null>();
  const storageOf = (res: Resource): RestStorage | null => {
    const id = `${res.group}/${res.version}/${res.plural}`;
    let s = storages.get(id);
    if (s === undefined) {
      try {
        s = registry.of(res.group, res.plural);
      } catch {
        s = null; // a custom resource: its objects may be converted per version, so none are shared
      }
      storages.set(id, s);
    }
    return s;
  };
  return (res, obj) => {
    const { name, namespace, resourceVersion } = obj.metadata ?? {};
    if (!name || !resourceVersion) return undefined;
    const e = storageOf(res)?.getEntry(namespace, name);
    if (!e || String(e.rev) !== resourceVersion) return undefined;
    const cached = e.obj;
    return cached.apiVersion === obj.apiVersion && cached.kind === obj.kind ? cached : undefined;
  };
}

/** What the handlers read of a request: method, URL, headers and the body, which arrives at once. */
class MemoryRequest extends EventEmitter {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The audit log's source IP: the server itself. */
  readonly socket = { remoteAddress: '127.0.0.1' };
  readonly #body: Buffer | undefined;

  constructor(req: TransportRequest) {
    super();
    this.method = req.method;
    this.url = req.path;
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    this.#body = req.body === undefined ? undefined : Buffer.from(req.body);
    if (this.#body) headers['content-length'] = String(this.#body.length);
    this.headers = headers;
  }

  /** Each header with all its values, made when read (only a request that impersonates reads it), as Node's is. */
  get headersDistinct(): Record<string, string[]> {
    return Object.fromEntries(Object.entries(this.headers).map(([k, v]) => [k, [v]]));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    if (this.#body?.length) yield this.#body;
  }

  resume(): this {
    return this;
  }

  destroy(): this {
    this.emit('close');
    return this;
  }
}

interface Sink {
  head(status: number): void;
  data(chunk: string): void;
  /** A watch event handed over as an object (handOverEvent); only sinks that take objects have it. */
  event?(ev: WatchEvent): void;
  end(error?: Error, items?: KObject[]): void;
}

/**
 * Hands a list's items to the component reading res as the watch cache's own objects, in place of
 * their text (which it would parse only to swap in those same objects: at 150,000 Pods, seconds and a
 * copy of every object). False for a response over HTTPS: the items must be written.
 */
export function handOverItems(res: ServerResponse, items: KObject[]): boolean {
  if (!(res instanceof MemoryResponse) || !res.takesObjects) return false;
  res.items = items;
  return true;
}

/**
 * Hands a watch event to the component reading res as the watch cache's own object, in place of its
 * line of JSON (which the component would parse only to swap in that same object, once per event and
 * watch). False for a response over HTTPS, or a reader that did not ask for objects: the line must be written.
 */
export function handOverEvent(res: ServerResponse, type: WatchEvent['type'], object: KObject): boolean {
  if (!(res instanceof MemoryResponse) || !res.takesObjects) return false;
  return res.event({ type, object });
}

/**
 * What the handlers write to a response, handed to a sink. Nothing waits on the reader (the watch
 * handler sees an empty socket buffer), as the reader is this process, which takes each line as written.
 * A reader that shares the watch cache's objects (cachedObjects) and asks for it (TransportRequest.takesItems)
 * may take a list's items as objects; any other reader gets the text.
 */
class MemoryResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  writableFinished = false;
  destroyed = false;
  readonly writableLength = 0;
  /** A list's items handed over as objects (handOverItems). */
  items: KObject[] | undefined;
  readonly #sink: Sink;
  readonly takesObjects: boolean;

  constructor(sink: Sink, takesObjects: boolean) {
    super();
    this.#sink = sink;
    this.takesObjects = takesObjects;
  }

  setHeader(): this {
    return this;
  }

  writeHead(status: number): this {
    this.statusCode = status;
    this.flushHeaders();
    return this;
  }

  flushHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.#sink.head(this.statusCode);
  }

  /** Passes ev to a sink that takes objects; false (write its line instead) for any other. */
  event(ev: WatchEvent): boolean {
    if (!this.#sink.event) return false;
    if (this.writableFinished || this.destroyed) return true;
    this.flushHeaders();
    this.#sink.event(ev);
    return true;
  }

  write(chunk: string | Buffer): boolean {
    if (this.writableFinished || this.destroyed) return false;
    this.flushHeaders();
    this.#sink.data(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    return true;
  }

  end(chunk?: string | Buffer): this {
    if (this.writableFinished || this.destroyed) return this;
    if (chunk !== undefined) this.write(chunk);
    this.flushHeaders();
    this.writableFinished = true;
    this.#sink.end(undefined, this.items);
    this.emit('finish');
    this.emit('close');
    return this;
  }

  destroy(): this {
    if (this.writableFinished || this.destroyed) return this;
    this.destroyed = true;
    this.#sink.end(new Error('the API server ended the response early'));
    this.emit('close');
    return this;
  }
}

/** A stream of objects and lines read as lines only: each object as its JSON. */
async function* asLines(events: AsyncIterable<string | WatchEvent>): AsyncIterable<string> {
  for await (const e of events) {
    const line = typeof e === 'string' ? e.trim() : JSON.stringify(e);
    if (line) yield line;
  }
}

export class InProcessTransport implements Transport {
  readonly #handle: ApiHandler;
  readonly #user: UserInfo;
  /** Open requests, ended by close() as closing the HTTPS transport's sockets ends them. */
  readonly #open = new Set<MemoryRequest>();

  readonly #shared: SharedObjects | undefined;

  constructor(handle: ApiHandler, user: UserInfo, shared?: SharedObjects) {
    this.#handle = handle;
    this.#user = user;
    this.#shared = shared;
  }

  shared<T extends KObject>(res: Resource, obj: T): T {
    return (this.#shared?.(res, obj) as T | undefined) ?? obj;
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      let status = 0;
      const chunks: string[] = [];
      this.#send(req, {
        head: (s) => void (status = s),
        data: (c) => void chunks.push(c),
        end: (error, items) => (error ? reject(error) : resolve({ status, body: chunks.join(''), ...(items ? { items } : {}) })),
      }, reject);
    });
  }

  stream(req: TransportRequest): Promise<StreamResponse> {
    if (this.#takesObjects(req)) return this.#objectStream(req);
    return new Promise((resolve, reject) => {
      const stream = new LineStream();
      this.#send(req, {
        head: (status) => resolve({ status, lines: stream.lines }),
        data: (chunk) => stream.write(chunk),
        end: (error) => stream.end(req.signal?.aborted ? undefined : error),
      }, reject);
    });
  }

  /**
   * A stream whose watch events arrive as objects (handOverEvent). Everything else the watch handler
   * writes is one whole line per write (BOOKMARK, ERROR), or an error's body: each chunk goes as it came.
   */
  #objectStream(req: TransportRequest): Promise<StreamResponse> {
    return new Promise((resolve, reject) => {
      const events = new AsyncQueue<string | WatchEvent>();
      this.#send(req, {
        head: (status) => resolve({ status, lines: asLines(events), events }),
        data: (chunk) => events.push(chunk),
        event: (ev) => events.push(ev),
        end: (error) => events.close(req.signal?.aborted ? undefined : error),
      }, reject);
    });
  }

  #takesObjects(req: TransportRequest): boolean {
    return this.#shared !== undefined && req.takesItems === true;
  }

  close(): void {
    for (const r of [...this.#open]) r.destroy();
  }

  #send(req: TransportRequest, sink: Sink, reject: (e: unknown) => void): void {
    const { signal } = req;
    if (signal?.aborted) return reject(signal.reason);
    const mreq = new MemoryRequest(req);
    const mres = new MemoryResponse(sink, this.#takesObjects(req));
    // An aborted request ends as a dropped connection would: the handler sees both sides close.
    const abort = (): void => {
      reject(signal!.reason);
      mreq.emit('close');
      mres.destroy();
    };
    signal?.addEventListener('abort', abort, { once: true });
    this.#open.add(mreq);
    mreq.once('close', () => mres.destroy());
    mres.once('close', () => {
      this.#open.delete(mreq);
      signal?.removeEventListener('abort', abort);
    });
    this.#handle(mreq as unknown as IncomingMessage, mres as unknown as ServerResponse, this.#user);
  }
}
