// How nodes reach each other's Pods (`berth agent --pod-network`): host-gw routes when the nodes share
// an L2 segment (host-gw.ts), a VXLAN overlay when they do not (vxlan.ts), as flannel's backends.

export const POD_NETWORKS = ['host-gw', 'vxlan'] as const;
export type PodNetwork = (typeof POD_NETWORKS)[number];

export function parsePodNetwork(value: string): PodNetwork {
  const found = POD_NETWORKS.find((n) => n === value);
  if (!found) throw new Error(`--pod-network: "${value}" is not one of ${POD_NETWORKS.join(', ')} (host-gw when the nodes share an L2 segment, vxlan when they do not)`);
  return found;
}
