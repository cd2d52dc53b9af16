// The network berth configures for its Pods: one bridge acting as the Pods' gateway (masquerading to
// the outside is set up once by network.ts), addresses from the node's pod CIDR, loopback, and hostPort forwarding via portmap.

export interface NetworkList {
  cniVersion: string;
  name: string;
  plugins: Record<string, unknown>[];
}

export const CNI_VERSION = '1.0.0';

export function podNetworkConflist(opts: { bridge: string; podCIDR: string; ipamDir: string }): NetworkList {
  return {
    cniVersion: CNI_VERSION,
    name: 'berth',
    plugins: [
      {
        type: 'bridge',
        bridge: opts.bridge,
        isGateway: true,
        // Masquerading is one rule for the whole pod CIDR (network.ts), not a chain per Pod: the
        // bridge plugin's per-Pod iptables calls serialise on the xtables lock when many Pods start.
        ipMasq: false,
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          ranges: [[{ subnet: opts.podCIDR }]],
          routes: [{ dst: '0.0.0.0/0' }],
          dataDir: opts.ipamDir,
        },
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  };
}

/** The bridge and pod CIDR of a conflist podNetworkConflist made; null for any other. */
export function podNetworkOf(list: NetworkList): { bridge: string; podCIDR: string } | null {
  const bridge = list.plugins?.find((p) => p.type === 'bridge') as { bridge?: unknown; ipam?: { ranges?: { subnet?: unknown }[][] } } | undefined;
  const podCIDR = bridge?.ipam?.ranges?.[0]?.[0]?.subnet;
  return typeof bridge?.bridge === 'string' && typeof podCIDR === 'string' ? { bridge: bridge.bridge, podCIDR } : null;
}
