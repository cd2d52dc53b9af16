// How the REST client reaches an API server. The HTTPS transport is the default; an in-process
// transport can implement the same two calls and skip the network, never the API's rules.

import type { KObject, WatchEvent } from '../api/types.js';
import type { Resource } from './resources.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Path and query, e.g. `/api/v1/namespaces/default/pods?limit=500`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /**
   * The caller reads a list's items from TransportResponse.items, and a watch's events from
   * StreamResponse.events, when a transport hands them over.
   */
  takesItems?: boolean;
}

export interface TransportResponse {
  status: number;
  body: string;
  /**
   * A list's items as the API server's own objects, handed over in place of the body's (empty) items
   * by a transport inside the server's process: parsing them would only end in swapping them for these.
   */
  items?: KObject[];
}

export interface StreamResponse {
  status: number;
  /** The body split into lines (newline-delimited JSON for watches); ends with the response. */
  lines: AsyncIterable<string>;
  /**
   * The same stream for a request with takesItems, from a transport inside the API server's process: a
   * watch's events as the server's own objects, decoded already, in place of their lines; the rest
   * (BOOKMARK, ERROR, an error's body) as lines. Read this or lines, not both.
   */
  events?: AsyncIterable<string | WatchEvent>;
}

export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** A long-lived response read as it arrives; aborting the request's signal ends it. */
  stream(req: TransportRequest): Promise<StreamResponse>;
  close(): void;
  /**
   * The object the API server itself holds for one just decoded from a list or a watch, when it holds
   * that very revision: a transport inside the server's process hands back the watch cache's object,
   * so the components' informers and the cache hold each object once. Absent over the network.
   */
  shared?<T extends KObject>(res: Resource, obj: T): T;
}
