// /etc/resolv.conf as glibc reads it: the kubelet builds Pods' files from the host's, and cluster DNS
// forwards to the host's nameservers.
export function parseResolvConf(text) {
    const conf = { nameservers: [], searches: [], options: [] };
    for (const raw of text.split('\n')) {
        const fields = raw.replace(/[#;].*$/, '').trim().split(/\s+/);
        const [key, ...rest] = fields;
        if (key === 'nameserver' && rest[0])
            conf.nameservers.push(rest[0]);
        else if (key === 'search' || key === 'domain')
            conf.searches = rest; // the last one wins, as in glibc
        else if (key === 'options')
            conf.options.push(...rest);
    }
    return conf;
}
//# sourceMappingURL=resolvConf.js.map