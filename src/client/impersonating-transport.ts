// Requests over another transport's connections, acting as another user (Impersonate-User and
// Impersonate-Group, as kubectl --as/--as-group send them). The server authorizes the caller to
// impersonate, then holds each request to the impersonated user's rights: many identities (hollow
// nodes) share one connection pool instead of a TLS session and client certificate each.

import type { StreamResponse, Transport, TransportRequest, TransportResponse } from './transport.js';

export interface Impersonated {
  user: string;
  /** One group: the transport's headers carry one value each (the server does not split on commas). */
  group?: string;
}

export class ImpersonatingTransport implements Transport {
  readonly #inner: Transport;
  readonly #headers: Record<string, string>;

  constructor(inner: Transport, as: Impersonated) {
    this.#inner = inner;
    this.#headers = { 'impersonate-user': as.user, ...(as.group ? { 'impersonate-group': as.group } : {}) };
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    return this.#inner.request(this.#with(req));
  }

  stream(req: TransportRequest): Promise<StreamResponse> {
    return this.#inner.stream(this.#with(req));
  }

  /** The connections belong to the inner transport: its owner closes them. */
  close(): void {}

  #with(req: TransportRequest): TransportRequest {
    return { ...req, headers: { ...req.headers, ...this.#headers } };
  }
}
