// The names a node gives what it makes outside its data dir: the Pods' bridge (which also names its
// masquerade rule), the cgroup its Pods live under and the nftables tables of its Service proxy and NetworkPolicies. They derive from the data dir, so several berth
// nodes on one host never touch each other's, and `berth killall` finds exactly its own. The default
// data dir keeps the names a single server has always used.
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
const DEFAULT_DATA_DIR = '/var/lib/berth';
export async function hostNamesFor(dataDir) {
    const real = await realpath(dataDir);
    if (real === DEFAULT_DATA_DIR)
        return { bridge: 'berth0', cgroupRoot: '/berth', proxyTable: 'berth-proxy', networkPolicyTable: 'berth-netpol' };
    const tag = `berth-${createHash('sha256').update(real).digest('hex').slice(0, 8)}`;
    return { bridge: tag, cgroupRoot: `/${tag}`, proxyTable: `${tag}-proxy`, networkPolicyTable: `${tag}-netpol` };
}
//# sourceMappingURL=host-names.js.map