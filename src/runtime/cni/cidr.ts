// IPv4 CIDR arithmetic for telling whether a pod CIDR is already in use on the host, and which address
// of it is the Pods' gateway.

export interface Cidr { base: number; prefix: number }

function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

const mask = (prefix: number) => (prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix));
const network = (ip: number, prefix: number) => Number((BigInt(ip) & BigInt(mask(prefix))));

/** Parses "a.b.c.d/n" (host bits allowed, as on an interface address); null when it is not one. */
export function parseCidr(s: string): Cidr | null {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(s);
  const ip = m ? parseIPv4(m[1]) : null;
  const prefix = m ? Number(m[2]) : NaN;
  if (ip === null || !(prefix >= 0 && prefix <= 32)) return null;
  return { base: network(ip, prefix), prefix };
}

/** Whether two networks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const shorter = Math.min(a.prefix, b.prefix);
  return network(a.base, shorter) === network(b.base, shorter);
}

export const ipv4String = (ip: number): string => [24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256).join('.');

/** The network's first address: where host-local IPAM puts the Pods' gateway, the bridge's own address. */
export function gatewayOf(c: Cidr): string {
  return ipv4String(c.base + 1);
}

export function formatCidr(c: Cidr): string {
  return `${ipv4String(c.base)}/${c.prefix}`;
}

/** The index-th subnet of `size` bits' prefix inside c (0-based), or null past the last. */
export function subnetOf(c: Cidr, size: number, index: number): Cidr | null {
  if (size < c.prefix || size > 32 || index < 0 || index >= 2 ** (size - c.prefix)) return null;
  return { base: c.base + index * 2 ** (32 - size), prefix: size };
}
