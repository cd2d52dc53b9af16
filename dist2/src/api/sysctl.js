// Sysctl names as Kubernetes reads them, shared by API validation and the kubelet's admission.
/** sysctl(8) accepts "/" as the separator when it comes first (net/ipv4/...): normalised to dots. */
export function dottedSysctl(name) {
    const sep = name.search(/[./]/);
    return sep >= 0 && name[sep] === '/' ? name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/')) : name;
}
/** The namespace the kernel keeps a sysctl in: a Pod's own network or ipc one, or none (node-wide). */
export function sysctlNamespace(name) {
    const n = dottedSysctl(name);
    if (n.startsWith('net.'))
        return 'net';
    if (['kernel.shm', 'kernel.msg', 'kernel.sem', 'fs.mqueue.'].some((p) => n.startsWith(p)))
        return 'ipc';
    return undefined;
}
//# sourceMappingURL=sysctl.js.map