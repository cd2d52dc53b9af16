// The node's container runtime as the kubelet sees it: CRI-shaped, so the kubelet decides and the
// runtime does. runc/ implements RuntimeService, images/ implements ImageService, fake/ fakes both for
// hollow nodes.

export interface Mount {
  hostPath: string;
  containerPath: string;
  readOnly?: boolean;
  /** 'tmpfs' mounts a fresh tmpfs instead of binding hostPath. */
  type?: 'bind' | 'tmpfs';
  options?: string[];
  /** Read-only all the way down: mounts below the source are read-only too (needs readOnly). */
  recursiveReadOnly?: boolean;
}

/** Seccomp as the kubelet resolved it: the runtime's default filter, or a profile file on the node. */
export type SeccompProfile = { type: 'RuntimeDefault' } | { type: 'Localhost'; path: string };

/** What this runtime can do, as the Node's status.runtimeHandlers[].features reports it. */
export interface RuntimeFeatures { recursiveReadOnlyMounts: boolean; userNamespaces: boolean }

export interface SandboxConfig {
  /** Pod identity, used for names, labels and the network attachment. */
  podUid: string;
  podName: string;
  namespace: string;
  hostname: string;
  hostNetwork?: boolean;
  shareProcessNamespace?: boolean;
  /** The host's pid or IPC namespace instead of the Pod's own (spec.hostPID, spec.hostIPC). */
  hostPID?: boolean;
  hostIPC?: boolean;
  /** Full text of /etc/hosts, /etc/resolv.conf and /etc/hostname that every container sees. */
  hostsFile: string;
  resolvConf: string;
  portMappings?: { containerPort: number; hostPort: number; protocol: string; hostIP?: string }[];
  labels?: Record<string, string>;
  /** Cgroup parent for the Pod (pod-level limits). */
  cgroupParent?: string;
  /** Sysctls (dotted name → value) set in the Pod's ipc and network namespaces. */
  sysctls?: Record<string, string>;
}

export interface SandboxStatus {
  id: string;
  podUid: string;
  state: 'ready' | 'notready';
  ip?: string;
  /** pid of the pause process, for joining its namespaces. */
  pid?: number;
  labels: Record<string, string>;
  createdAt: string;
}

export interface ContainerConfig {
  name: string;
  /** Image reference as resolved by the ImageService (digest-pinned id). */
  imageRef: string;
  /** The full argv to run, already combined from command/args and the image's entrypoint/cmd. */
  argv: string[];
  env: string[];
  workingDir?: string;
  mounts: Mount[];
  user?: { uid: number; gid: number; additionalGids?: number[] };
  privileged?: boolean;
  capabilitiesAdd?: string[];
  capabilitiesDrop?: string[];
  readOnlyRootfs?: boolean;
  noNewPrivileges?: boolean;
  /** Unset: no filter (Unconfined). */
  seccomp?: SeccompProfile;
  /** The AppArmor profile loaded on the host to confine the container with. */
  apparmorProfile?: string;
  tty?: boolean;
  stdin?: boolean;
  /** Close the container's stdin when the first attached client detaches (it then reads end of file). */
  stdinOnce?: boolean;
  /** Bytes; 0/undefined = unlimited. */
  memoryLimit?: number;
  /** CPU in millicores; converted to quota/period. */
  cpuMillis?: number;
  cpuShares?: number;
  pidsLimit?: number;
  /** Signal sent first at stop (image STOPSIGNAL), default SIGTERM. */
  stopSignal?: string;
  logPath: string;
  labels: Record<string, string>;
  /** A running container of the same sandbox whose pid namespace this one joins (an ephemeral container's target). */
  pidNamespaceOf?: string;
}

/** The cgroup settings of a container that can change while it runs (in-place resize). */
export interface ContainerResources { memoryLimit?: number; cpuMillis?: number; cpuShares?: number }

export type ContainerStateName = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerStatus {
  id: string;
  sandboxId: string;
  name: string;
  state: ContainerStateName;
  imageRef: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  /** 'OOMKilled' when the memory cgroup killed it; 'ContainerStatusUnknown' when its exit was lost. */
  reason?: string;
  message?: string;
  pid?: number;
  logPath: string;
  labels: Record<string, string>;
  /** What the container's cgroup is set to now. */
  resources?: ContainerResources;
}

export interface ContainerFilter { sandboxId?: string; labels?: Record<string, string> }

/**
 * A container's resource counters at one moment, as the CRI's ContainerStats gives them: cumulative
 * CPU time and the memory figures the kubelet reports (working set = usage − inactive file pages).
 */
export interface ContainerStats {
  id: string;
  /** When the counters were read, in ms since the epoch. */
  timestamp: number;
  cpuUsageCoreNanoSeconds: number;
  memoryUsageBytes: number;
  memoryWorkingSetBytes: number;
  memoryRssBytes?: number;
}

export interface ExecResult { exitCode: number; stdout: Buffer; stderr: Buffer; timedOut?: boolean }

export interface ExecStreams {
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  tty?: boolean;
  /** Terminal size changes, when tty. */
  resize?: AsyncIterable<TerminalSize>;
  /** Aborted when the client has gone: the session is hung up. */
  signal?: AbortSignal;
}

export interface TerminalSize { width: number; height: number }

export interface RuntimeService {
  runPodSandbox(cfg: SandboxConfig): Promise<string>;
  stopPodSandbox(id: string): Promise<void>;
  removePodSandbox(id: string): Promise<void>;
  listPodSandboxes(): Promise<SandboxStatus[]>;
  /** One sandbox's status (CRI's PodSandboxStatus), null when it does not exist. */
  podSandboxStatus(id: string): Promise<SandboxStatus | null>;
  createContainer(sandboxId: string, cfg: ContainerConfig): Promise<string>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]>;
  containerStatus(id: string): Promise<ContainerStatus | null>;
  /** Counters of the running containers that match (a container whose counters cannot be read is left out). */
  listContainerStats(filter?: ContainerFilter): Promise<ContainerStats[]>;
  execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult>;
  exec(id: string, cmd: string[], streams: ExecStreams): Promise<number>;
  /**
   * Connects to the main process of a running container: its output from now on, input to its stdin
   * (or terminal), resizes of its terminal. Resolves when the container exits or the signal aborts.
   */
  attach(id: string, streams: ExecStreams): Promise<void>;
  /** Open a TCP connection to port inside the sandbox's network namespace. */
  portForward(sandboxId: string, port: number): Promise<import('node:net').Socket>;
  features(): Promise<RuntimeFeatures>;
  /** The runtime's version, for the Node's nodeInfo (CRI Version's runtimeVersion). */
  version(): Promise<string>;
  /** Changes a running container's cgroup limits in place (CRI UpdateContainerResources). */
  updateContainerResources(id: string, resources: ContainerResources): Promise<void>;
}

/** Image configuration that shapes a container (from the OCI image config). */
export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  env?: string[];
  workingDir?: string;
  user?: string;
  stopSignal?: string;
  exposedPorts?: string[];
}

export interface ImageRef {
  /** sha256:… of the image config (Kubernetes' imageID is `<repo>@<manifest digest>`). */
  id: string;
  /** Normalised references pointing at it, e.g. docker.io/library/nginx:latest. */
  repoTags: string[];
  repoDigests: string[];
  size: number;
  config: ImageConfig;
  /** Where it came from: 'pulled from <registry>', 'imported', 'built locally'. */
  source?: string;
}

/** One blob's bytes so far; imageTotal is every blob of the image (config and layers) together. */
export interface PullProgress { layer: string; current: number; total: number; done?: boolean; imageTotal?: number }

export interface PullOptions {
  auth?: { username?: string; password?: string; auth?: string; identitytoken?: string; registrytoken?: string };
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
}

export interface ImageService {
  pullImage(ref: string, opts?: PullOptions): Promise<ImageRef>;
  imageStatus(ref: string): Promise<ImageRef | null>;
  listImages(): Promise<ImageRef[]>;
  removeImage(ref: string): Promise<void>;
  /** Mount a writable root filesystem (overlay of the image's layers + a fresh upper) for a container. */
  prepareRootfs(imageRef: string, containerId: string): Promise<string>;
  releaseRootfs(containerId: string): Promise<void>;
}
