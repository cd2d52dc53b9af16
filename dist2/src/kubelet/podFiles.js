// /etc/hosts, /etc/resolv.conf and the hostname every container of a Pod sees, worded byte for byte
// as the kubelet words them so tools that parse them behave the same.
import { parseResolvConf } from '../util/resolvConf.js';
export const CLUSTER_DOMAIN = 'cluster.local';
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
/** spec.hostname, else the Pod name cut to a DNS label; the domain exists only with a subdomain. */
export function hostnameFor(pod) {
    const hostname = pod.spec.hostname || (pod.metadata.name ?? '').slice(0, 63).replace(/[-.]+$/, '');
    const sub = pod.spec.subdomain;
    return sub ? { hostname, domain: `${sub}.${pod.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}` } : { hostname };
}
function hostAliasLines(pod) {
    const aliases = pod.spec.hostAliases ?? [];
    if (aliases.length === 0)
        return '';
    return '\n# Entries added by HostAliases.\n' + aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`).join('');
}
/** With hostNetwork the host's own hosts file is used, marked as managed. */
export function makeHostsFile(pod, podIPs, hostHostsFile = '') {
    if (pod.spec.hostNetwork)
        return `# Kubernetes-managed hosts file (host network).\n${hostHostsFile}${hostAliasLines(pod)}`;
    const { hostname, domain } = hostnameFor(pod);
    let out = '# Kubernetes-managed hosts file.\n'
        + '127.0.0.1\tlocalhost\n'
        + '::1\tlocalhost ip6-localhost ip6-loopback\n'
        + 'fe00::0\tip6-localnet\n'
        + 'fe00::0\tip6-mcastprefix\n'
        + 'fe00::1\tip6-allnodes\n'
        + 'fe00::2\tip6-allrouters\n';
    for (const ip of podIPs)
        out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
    return out + hostAliasLines(pod);
}
const unique = (xs) => [...new Set(xs)];
/** Options merge by name, a later value replacing an earlier one ("ndots:2" then "ndots:5" → "ndots:5"). */
function mergeOptions(base, extra) {
    const byName = new Map();
    for (const o of base)
        byName.set(o.split(':')[0], o);
    for (const o of extra)
        byName.set(o.name, o.value !== undefined ? `${o.name}:${o.value}` : o.name);
    return [...byName.values()];
}
/**
 * The Pod's DNS before dnsConfig, by dnsPolicy as the kubelet decides it: ClusterFirst (for a Pod off the
 * host network) and ClusterFirstWithHostNet use cluster DNS, with the Pod's namespace first on the search
 * path and ndots:5; Default, and ClusterFirst on the host network, use the host's file; None starts empty.
 * With no cluster DNS configured, cluster policies fall back to the host's file, as the kubelet does.
 */
function baseDNS(pod, host, cluster) {
    const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
    if (policy === 'None')
        return { nameservers: [], searches: [], options: [] };
    const useCluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork);
    if (!useCluster || !cluster || cluster.nameservers.length === 0)
        return host;
    const d = cluster.domain;
    const ns = pod.metadata.namespace ?? 'default';
    return { nameservers: cluster.nameservers, searches: [`${ns}.svc.${d}`, `svc.${d}`, d, ...host.searches], options: ['ndots:5'] };
}
/** resolv.conf for a Pod: its policy's base, then spec.dnsConfig merged in, within glibc's limits. */
export function makeResolvConf(pod, hostResolvConf, cluster) {
    const base = baseDNS(pod, parseResolvConf(hostResolvConf), cluster);
    const cfg = pod.spec.dnsConfig ?? {};
    const nameservers = unique([...base.nameservers, ...(cfg.nameservers ?? [])]).slice(0, MAX_NAMESERVERS);
    const searches = unique([...base.searches, ...(cfg.searches ?? [])]).slice(0, MAX_SEARCHES);
    const options = mergeOptions(base.options, cfg.options ?? []);
    let out = '';
    if (searches.length > 0)
        out += `search ${searches.join(' ')}\n`;
    for (const ns of nameservers)
        out += `nameserver ${ns}\n`;
    if (options.length > 0)
        out += `options ${options.join(' ')}\n`;
    return out;
}
//# sourceMappingURL=podFiles.js.map