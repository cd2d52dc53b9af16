// The kubelet's Summary API (stats/v1alpha1, `GET /stats/summary`): the shapes the API server's
// resource metrics read. Only the CPU and memory parts berth measures are declared.

export interface CPUStats {
  time: string;
  /** The rate over the kubelet's last sampling window; absent until it has two samples. */
  usageNanoCores?: number;
  usageCoreNanoSeconds: number;
}

export interface MemoryStats {
  time: string;
  availableBytes?: number;
  usageBytes: number;
  workingSetBytes: number;
  rssBytes?: number;
}

export interface ContainerStatsSummary {
  name: string;
  startTime: string;
  cpu: CPUStats;
  memory: MemoryStats;
}

export interface PodStatsSummary {
  podRef: { name: string; namespace: string; uid: string };
  startTime: string;
  containers: ContainerStatsSummary[];
  cpu: CPUStats;
  memory: MemoryStats;
}

export interface NodeStatsSummary {
  nodeName: string;
  startTime: string;
  cpu: CPUStats;
  memory: MemoryStats;
}

export interface Summary {
  node: NodeStatsSummary;
  pods: PodStatsSummary[];
}
