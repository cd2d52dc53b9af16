// How Kubernetes merges the lists of the served kinds: the patchStrategy/patchMergeKey and listType/
// listMapKeys tags of the upstream Go types. client-node's models do not carry them, so they are kept
// here, keyed by `<Definition short name>.<field>`. An untagged list is atomic (replaced whole).

export interface ListMeta {
  /** x-kubernetes-patch-strategy: 'merge', 'merge,retainKeys' or 'retainKeys'. */
  patchStrategy?: string;
  /** x-kubernetes-patch-merge-key (absent for lists of primitives merged as sets). */
  patchMergeKey?: string;
  /** x-kubernetes-list-type, as server-side apply reads it. */
  listType: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
}

const byKey = (key: string, strategy = 'merge', mapKeys: string[] = [key]): ListMeta => ({ patchStrategy: strategy, patchMergeKey: key, listType: 'map', listMapKeys: mapKeys });
const mergedSet: ListMeta = { patchStrategy: 'merge', listType: 'set' };

const containerLists = {
  ports: byKey('containerPort', 'merge', ['containerPort', 'protocol']),
  env: byKey('name'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

const TABLE: Record<string, Record<string, ListMeta>> = {
  PodSpec: {
    containers: byKey('name'),
    initContainers: byKey('name'),
    ephemeralContainers: byKey('name'),
    volumes: byKey('name', 'merge,retainKeys'),
    imagePullSecrets: byKey('name'),
    hostAliases: byKey('ip'),
    topologySpreadConstraints: byKey('topologyKey', 'merge', ['topologyKey', 'whenUnsatisfiable']),
    schedulingGates: byKey('name'),
    resourceClaims: byKey('name', 'merge,retainKeys'),
  },
  Container: containerLists,
  EphemeralContainer: containerLists,
  PodStatus: {
    conditions: byKey('type'),
    podIPs: byKey('ip'),
    hostIPs: byKey('ip'),
    resourceClaimStatuses: byKey('name', 'merge,retainKeys'),
  },
  NodeSpec: { podCIDRs: mergedSet },
  NodeStatus: { conditions: byKey('type'), addresses: byKey('type') },
  NamespaceStatus: { conditions: byKey('type') },
  DeploymentStatus: { conditions: byKey('type') },
  ReplicaSetStatus: { conditions: byKey('type') },
  DaemonSetStatus: { conditions: byKey('type') },
  StatefulSetStatus: { conditions: byKey('type') },
  ServiceSpec: { ports: byKey('port', 'merge', ['port', 'protocol']) },
  ServiceStatus: { conditions: byKey('type') },
  JobStatus: { conditions: byKey('type') },
  ReplicationControllerStatus: { conditions: byKey('type') },
  PodDisruptionBudgetStatus: { conditions: byKey('type') },
  ServiceAccount: { secrets: byKey('name') },
  ObjectMeta: { ownerReferences: byKey('uid'), finalizers: mergedSet },
};

export function listMeta(definitionShortName: string, field: string): ListMeta | undefined {
  return TABLE[definitionShortName]?.[field];
}

/** Object fields merged with retainKeys (a union whose other members a patch must clear). */
const OBJECT_STRATEGIES: Record<string, string> = { 'DeploymentSpec.strategy': 'retainKeys' };

export function objectPatchStrategy(definitionShortName: string, field: string): string | undefined {
  return OBJECT_STRATEGIES[`${definitionShortName}.${field}`];
}
