// Registry configuration in the shape of k3s' registries.yaml: mirrors per registry host, and per
// host credentials and TLS settings. Decides which endpoints a pull tries, in order.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
export async function loadRegistryConfig(path) {
    const doc = (parse(await readFile(path, 'utf8')) ?? {});
    return { mirrors: doc.mirrors ?? {}, configs: doc.configs ?? {} };
}
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;
/** Docker Hub's API lives on another host than its name. */
function apiHost(domain) {
    return domain === 'docker.io' ? 'registry-1.docker.io' : domain;
}
function endpointFor(url, cfg) {
    const hasScheme = /^https?:\/\//.test(url);
    const host = hasScheme ? new URL(url).host : url.replace(/\/+$/, '');
    // Loopback registries are plain HTTP unless configured otherwise, as containerd treats them.
    const scheme = hasScheme ? new URL(url).protocol.slice(0, -1) : LOOPBACK.test(host) && !cfg.configs?.[host]?.tls ? 'http' : 'https';
    return { base: `${scheme}://${host}`, host, config: cfg.configs?.[host] ?? {} };
}
/** Mirrors for the registry (or the `*` wildcard) first, then the registry itself. */
export function endpointsFor(domain, cfg = {}) {
    const mirrors = cfg.mirrors?.[domain]?.endpoint ?? cfg.mirrors?.['*']?.endpoint ?? [];
    const out = mirrors.map((m) => endpointFor(m, cfg));
    const own = endpointFor(apiHost(domain), cfg);
    if (!out.some((e) => e.base === own.base))
        out.push({ ...own, config: cfg.configs?.[domain] ?? own.config });
    return out;
}
//# sourceMappingURL=registries.js.map