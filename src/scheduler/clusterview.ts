// What plugins may read beyond the Pod and the node at hand: every node (with its Pods), namespace
// labels (namespaceSelector) and owners' selectors (default topology spreading).

import type { LabelSelectorSpec } from '../api/types.js';
import type { NodeInfo } from './nodeinfo.js';
import type { PodInfo } from './podinfo.js';
import type { NamespaceLabels } from './podselectors.js';

/** How many placed Pods have inter-Pod affinity terms: none (the usual case) lets those plugins skip. */
export interface AffinityTotals { withAffinity: number; withRequiredAntiAffinity: number }

export interface ClusterLookups {
  namespaceLabels: NamespaceLabels;
  /** The selector of the workload controlling the Pod (its ReplicaSet), undefined when there is none. */
  ownerSelector(pod: PodInfo): LabelSelectorSpec | undefined;
  /** Kept by the cache as Pods come and go; summed over the nodes when absent. */
  affinityTotals?: AffinityTotals;
}

export interface ClusterView extends ClusterLookups {
  nodes: readonly NodeInfo[];
  affinityTotals: AffinityTotals;
}

export function affinityTotalsOf(nodes: readonly NodeInfo[]): AffinityTotals {
  const t = { withAffinity: 0, withRequiredAntiAffinity: 0 };
  for (const n of nodes) {
    t.withAffinity += n.podsWithAffinity.size;
    t.withRequiredAntiAffinity += n.podsWithRequiredAntiAffinity.size;
  }
  return t;
}

export const noLookups: ClusterLookups = { namespaceLabels: () => undefined, ownerSelector: () => undefined };
