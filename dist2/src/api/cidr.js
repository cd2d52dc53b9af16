// IPv4 and IPv6 addresses and CIDRs as numbers: NetworkPolicy's ipBlock is validated with them (a cidr
// that parses, an except strictly inside it) and the node's policy enforcer matches Pod IPs against them.
import { isIPv4, isIPv6 } from 'node:net';
const BITS = { 4: 32, 6: 128 };
/** An address as a number and its family; null when it is neither IPv4 nor IPv6. */
export function parseIP(s) {
    if (isIPv4(s))
        return { family: 4, value: s.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n) };
    if (!isIPv6(s))
        return null;
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes its two 16-bit groups.
    const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
    let text = s;
    if (dotted) {
        const v4 = parseIP(dotted[1]).value;
        text = `${s.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
    }
    const [head, tail] = text.split('::');
    const groups = (part) => (part ? part.split(':') : []);
    const h = groups(head);
    const t = groups(tail);
    const all = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    return { family: 6, value: all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n) };
}
/** `10.0.0.0/8`, `2001:db8::/32` (host bits may be set, as Go's ParseCIDR allows); null when invalid. */
export function parseCidr(s) {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
    if (!m)
        return null;
    const ip = parseIP(m[1]);
    const prefix = Number(m[2]);
    if (!ip || prefix > BITS[ip.family])
        return null;
    return { family: ip.family, base: ip.value & mask(ip.family, prefix), prefix };
}
function mask(family, prefix) {
    const bits = BigInt(BITS[family]);
    return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}
/** Whether every address of inner is in outer. */
export function cidrContains(outer, inner) {
    return outer.family === inner.family && inner.prefix >= outer.prefix && (inner.base & mask(outer.family, outer.prefix)) === outer.base;
}
/** Whether the address ip (text) is in the CIDR. */
export function cidrHas(c, ip) {
    const a = parseIP(ip);
    return a !== null && cidrContains(c, { family: a.family, base: a.value, prefix: BITS[a.family] });
}
/** The CIDR in its network form (`10.1.2.3/8` → `10.0.0.0/8`); IPv6 in full groups. */
export function formatCidr(c) {
    if (c.family === 4) {
        const octets = [24n, 16n, 8n, 0n].map((s) => String((c.base >> s) & 0xffn));
        return `${octets.join('.')}/${c.prefix}`;
    }
    const groups = Array.from({ length: 8 }, (_, i) => ((c.base >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
    return `${groups.join(':')}/${c.prefix}`;
}
//# sourceMappingURL=cidr.js.map