// Registry authentication: answers a 401's WWW-Authenticate challenge with Basic credentials or
// by fetching a Bearer token from the named realm, then reuses the token for the pull.
import type { PullOptions } from '../types.js';
import { readBody, request } from './http.js';
import type { RegistryAuth, RegistryHostConfig } from './registries.js';

export interface Challenge { scheme: string; params: Record<string, string> }

/** Parses `Bearer realm="…",service="…",scope="…"` (one challenge; registries send one). */
export function parseChallenge(header: string): Challenge {
  const m = /^\s*(\S+)\s*(.*)$/.exec(header);
  const params: Record<string, string> = {};
  for (const p of (m?.[2] ?? '').matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!;
  }
  return { scheme: (m?.[1] ?? '').toLowerCase(), params };
}

function basicOf(a: RegistryAuth | PullOptions['auth'] | undefined): string | undefined {
  if (!a) return undefined;
  if (a.auth) return a.auth;
  if (a.username !== undefined && a.password !== undefined) return Buffer.from(`${a.username}:${a.password}`).toString('base64');
  return undefined;
}

export class Authorizer {
  readonly #basic: string | undefined;
  readonly #config: RegistryHostConfig;
  #authorization: string | undefined;

  /** Credentials passed with the pull win over those in the registry configuration. */
  constructor(config: RegistryHostConfig, auth?: PullOptions['auth']) {
    this.#config = config;
    this.#basic = basicOf(auth) ?? basicOf(config.auth);
    if (auth?.registrytoken) this.#authorization = `Bearer ${auth.registrytoken}`;
  }

  headers(): Record<string, string> {
    return this.#authorization ? { authorization: this.#authorization } : {};
  }

  /** Tries to answer the challenge; false when there is nothing new to offer. */
  async answer(wwwAuthenticate: string | undefined, signal?: AbortSignal): Promise<boolean> {
    if (!wwwAuthenticate) return false;
    const c = parseChallenge(wwwAuthenticate);
    if (c.scheme === 'basic') {
      if (!this.#basic || this.#authorization === `Basic ${this.#basic}`) return false;
      this.#authorization = `Basic ${this.#basic}`;
      return true;
    }
    if (c.scheme !== 'bearer' || !c.params.realm) return false;
    const url = new URL(c.params.realm);
    if (c.params.service) url.searchParams.set('service', c.params.service);
    if (c.params.scope) url.searchParams.set('scope', c.params.scope);
    const res = await request(url.toString(), {
      headers: this.#basic ? { authorization: `Basic ${this.#basic}` } : {},
      tls: this.#config.tls,
      signal,
    });
    const body = await readBody(res);
    if (res.statusCode !== 200) throw new Error(`token request to ${url.origin} failed: ${res.statusCode} ${body.toString().slice(0, 200)}`);
    const doc = JSON.parse(body.toString('utf8')) as { token?: string; access_token?: string };
    const token = doc.token ?? doc.access_token;
    if (!token || this.#authorization === `Bearer ${token}`) return false;
    this.#authorization = `Bearer ${token}`;
    return true;
  }
}
