// The network berth configures for its Pods: one bridge acting as the Pods' gateway with masquerading
// to the outside, addresses from the node's pod CIDR, loopback, and hostPort forwarding via portmap.

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
        ipMasq: true,
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

export const loopbackConfig: Record<string, unknown> = { cniVersion: CNI_VERSION, name: 'lo', type: 'loopback' };
