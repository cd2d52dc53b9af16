// IPv4 CIDR arithmetic for telling whether a pod CIDR is already in use on the host, and which address
// of it is the Pods' gateway.
function parseIPv4(s) {
    const parts = s.split('.');
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
        return null;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
}
const mask = (prefix) => (prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix));
const network = (ip, prefix) => Number((BigInt(ip) & BigInt(mask(prefix))));
/** Parses "a.b.c.d/n" (host bits allowed, as on an interface address); null when it is not one. */
export function parseCidr(s) {
    const m = /^([\d.]+)\/(\d{1,2})$/.exec(s);
    const ip = m ? parseIPv4(m[1]) : null;
    const prefix = m ? Number(m[2]) : NaN;
    if (ip === null || !(prefix >= 0 && prefix <= 32))
        return null;
    return { base: network(ip, prefix), prefix };
}
/** Whether two networks share any address. */
export function overlaps(a, b) {
    const shorter = Math.min(a.prefix, b.prefix);
    return network(a.base, shorter) === network(b.base, shorter);
}
const ipv4String = (ip) => [24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256).join('.');
/** The network's first address: where host-local IPAM puts the Pods' gateway, the bridge's own address. */
export function gatewayOf(c) {
    return ipv4String(c.base + 1);
}
export function formatCidr(c) {
    return `${ipv4String(c.base)}/${c.prefix}`;
}
/** The index-th subnet of `size` bits' prefix inside c (0-based), or null past the last. */
export function subnetOf(c, size, index) {
    if (size < c.prefix || size > 32 || index < 0 || index >= 2 ** (size - c.prefix))
        return null;
    return { base: c.base + index * 2 ** (32 - size), prefix: size };
}
//# sourceMappingURL=cidr.js.map