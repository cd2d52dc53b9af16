// Registry configuration in the shape of k3s' registries.yaml: mirrors per registry host, and per
// host credentials and TLS settings. Decides which endpoints a pull tries, in order.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export interface RegistryAuth { username?: string; password?: string; auth?: string; identity_token?: string }

export interface RegistryHostConfig {
  auth?: RegistryAuth;
  tls?: { ca_file?: string; cert_file?: string; key_file?: string; insecure_skip_verify?: boolean };
}

export interface RegistryConfig {
  mirrors?: Record<string, { endpoint?: string[] }>;
  configs?: Record<string, RegistryHostConfig>;
}

export interface Endpoint {
  /** `http://host:port` or `https://host:port`, without a trailing slash. */
  base: string;
  /** Host as named in `configs` (host[:port]). */
  host: string;
  config: RegistryHostConfig;
}

export async function loadRegistryConfig(path: string): Promise<RegistryConfig> {
  const doc = (parse(await readFile(path, 'utf8')) ?? {}) as RegistryConfig;
  return { mirrors: doc.mirrors ?? {}, configs: doc.configs ?? {} };
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/** Docker Hub's API lives on another host than its name. */
function apiHost(domain: string): string {
  return domain === 'docker.io' ? 'registry-1.docker.io' : domain;
}

function endpointFor(url: string, cfg: RegistryConfig): Endpoint {
  const hasScheme = /^https?:\/\//.test(url);
  const host = hasScheme ? new URL(url).host : url.replace(/\/+$/, '');
  // Loopback registries are plain HTTP unless configured otherwise, as containerd treats them.
  const scheme = hasScheme ? new URL(url).protocol.slice(0, -1) : LOOPBACK.test(host) && !cfg.configs?.[host]?.tls ? 'http' : 'https';
  return { base: `${scheme}://${host}`, host, config: cfg.configs?.[host] ?? {} };
}

/** Mirrors for the registry (or the `*` wildcard) first, then the registry itself. */
export function endpointsFor(domain: string, cfg: RegistryConfig = {}): Endpoint[] {
  const mirrors = cfg.mirrors?.[domain]?.endpoint ?? cfg.mirrors?.['*']?.endpoint ?? [];
  const out = mirrors.map((m) => endpointFor(m, cfg));
  const own = endpointFor(apiHost(domain), cfg);
  if (!out.some((e) => e.base === own.base)) out.push({ ...own, config: cfg.configs?.[domain] ?? own.config });
  return out;
}
