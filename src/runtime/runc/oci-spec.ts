// The OCI runtime config.json for pause and app containers. Defaults follow what Kubernetes users get
// from containerd: the same capability set, masked and read-only /proc paths, and devices denied except
// runc's standard set, so workloads behave here as they do on a real node.
import { readFileSync } from 'node:fs';
import type { ContainerConfig, Mount } from '../types.js';
import type { OciSeccomp } from './seccomp.js';

export interface OciMount { destination: string; type: string; source: string; options: string[] }
export interface OciNamespace { type: 'pid' | 'network' | 'ipc' | 'uts' | 'mount' | 'cgroup'; path?: string }

const DEFAULT_CAPS = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

const ALL_CAPS = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ',
  'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

const MASKED_PATHS = [
  '/proc/acpi', '/proc/asound', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap',
];
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** The CFS period containers get, and the quota in it for a CPU limit (at least 1 ms, as the kubelet). */
export const CPU_PERIOD = 100_000;
export const cpuQuota = (millis: number): number => Math.max(1000, Math.round((millis * CPU_PERIOD) / 1000));

const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function systemMounts(privileged: boolean): OciMount[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', privileged ? 'rw' : 'ro'] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['nosuid', 'noexec', 'nodev', 'relatime', privileged ? 'rw' : 'ro'] },
  ];
}

/**
 * The pause process's own view needs only /proc (the Pod's sysctls are written there) and /dev: app
 * containers share its namespaces but never its mounts, each mounting its own /sys, cgroups, mqueue
 * and the Pod's /dev/shm. Each mount left out is work runc does not do at every Pod start (on cgroup v1
 * /sys/fs/cgroup alone is a tmpfs, a bind per hierarchy and a read of the mount table).
 */
const PAUSE_MOUNTS = systemMounts(false).filter((m) => m.destination === '/proc' || m.destination === '/dev');

export function bindMount(source: string, destination: string, readOnly = false): OciMount {
  return { destination, type: 'bind', source, options: ['rbind', 'rprivate', readOnly ? 'ro' : 'rw'] };
}

function userMount(m: Mount): OciMount {
  if (m.type === 'tmpfs') {
    return { destination: m.containerPath, type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', ...(m.options ?? [])] };
  }
  const mount = bindMount(m.hostPath, m.containerPath, m.readOnly);
  mount.options.push(...(m.options ?? []), ...(m.recursiveReadOnly ? ['rro'] : []));
  return mount;
}

interface BaseInput {
  rootfs: string;
  readonlyRootfs: boolean;
  args: string[];
  env: string[];
  cwd?: string;
  terminal?: boolean;
  user?: { uid: number; gid: number; additionalGids?: number[] };
  capabilities: string[];
  noNewPrivileges: boolean;
  privileged: boolean;
  hostname?: string;
  mounts: OciMount[];
  /** Mounted first, on the root itself: runc mounts in order, each on what the ones before made. */
  rootMount?: OciMount;
  /** The pause container: PAUSE_MOUNTS instead of the system mounts. */
  pause?: boolean;
  namespaces: OciNamespace[];
  cgroupsPath: string;
  resources?: Record<string, unknown>;
  seccomp?: OciSeccomp;
  apparmorProfile?: string;
}

/** Containers get berth's own hard open-files limit as both limits: the most a process may raise to. */
const nofile = (() => {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const hard = Number(line?.trim().split(/\s+/)[4]);
  return Number.isFinite(hard) ? hard : 1024;
})();

function spec(i: BaseInput): Record<string, unknown> {
  const caps = { bounding: i.capabilities, effective: i.capabilities, permitted: i.capabilities };
  const env = i.env.some((e) => e.startsWith('PATH=')) ? i.env : [DEFAULT_PATH, ...i.env];
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: i.terminal ?? false,
      user: { uid: i.user?.uid ?? 0, gid: i.user?.gid ?? 0, additionalGids: i.user?.additionalGids },
      args: i.args,
      env,
      cwd: i.cwd || '/',
      capabilities: caps,
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: nofile, soft: nofile }],
      noNewPrivileges: i.noNewPrivileges,
      apparmorProfile: i.apparmorProfile,
    },
    root: { path: i.rootfs, readonly: i.readonlyRootfs },
    hostname: i.hostname,
    mounts: [...(i.rootMount ? [i.rootMount] : []), ...(i.pause ? PAUSE_MOUNTS : systemMounts(i.privileged)), ...i.mounts],
    linux: {
      namespaces: i.namespaces,
      cgroupsPath: i.cgroupsPath,
      resources: { devices: [{ allow: i.privileged, access: 'rwm' }], ...i.resources },
      maskedPaths: i.privileged ? [] : MASKED_PATHS,
      readonlyPaths: i.privileged ? [] : READONLY_PATHS,
      seccomp: i.seccomp,
    },
  };
}

/**
 * The pause container: new ipc/uts/mount/pid namespaces (the host's pid or ipc one with hostPID or
 * hostIPC), the network namespace CNI configured (if any).
 */
export function sandboxSpec(o: { rootfs: string; args: string[]; hostname?: string; netns?: string; hostNetwork: boolean; hostPID?: boolean; hostIPC?: boolean; cgroupsPath: string; sysctls?: Record<string, string> }): Record<string, unknown> {
  const namespaces: OciNamespace[] = [{ type: 'mount' }];
  if (!o.hostPID) namespaces.push({ type: 'pid' });
  if (!o.hostIPC) namespaces.push({ type: 'ipc' });
  if (!o.hostNetwork) namespaces.push({ type: 'uts' }, o.netns ? { type: 'network', path: o.netns } : { type: 'network' });
  const sandbox = spec({
    rootfs: o.rootfs,
    readonlyRootfs: true,
    args: o.args,
    env: [],
    capabilities: [],
    noNewPrivileges: true,
    privileged: false,
    hostname: o.hostNetwork ? undefined : o.hostname,
    mounts: [],
    pause: true,
    namespaces,
    cgroupsPath: o.cgroupsPath,
    resources: { cpu: { shares: 2 } },
  });
  // The Pod's sysctls, set once in the namespaces every container of the Pod joins.
  if (o.sysctls) (sandbox.linux as Record<string, unknown>).sysctl = o.sysctls;
  return sandbox;
}

export interface ContainerSpecInput {
  cfg: ContainerConfig;
  rootfs: string;
  /** Options of an overlay the container mounts on rootfs as its `/` (rootfs is then an empty directory). */
  rootOverlay?: string[];
  /** The pause process whose namespaces the container joins. */
  pausePid: number;
  hostNetwork: boolean;
  shareProcessNamespace: boolean;
  /** The host's pid namespace (spec.hostPID): the container makes none of its own. */
  hostPID?: boolean;
  /** pid of a container whose pid namespace this one joins instead (ContainerConfig.pidNamespaceOf). */
  pidNamespacePid?: number;
  /** /etc/hosts, /etc/resolv.conf, /etc/hostname and the Pod's /dev/shm. */
  sandboxMounts: OciMount[];
  hostname: string;
  cgroupsPath: string;
  /** The container's filter, already read (seccomp.ts); a privileged container gets none. */
  seccomp?: OciSeccomp;
}

/** An app container: own mount namespace (and pid unless shared), joining the sandbox's others. */
export function containerSpec(i: ContainerSpecInput): Record<string, unknown> {
  const { cfg } = i;
  const ns = (type: OciNamespace['type']): OciNamespace => ({ type, path: `/proc/${i.pausePid}/ns/${type === 'network' ? 'net' : type}` });
  const pid: OciNamespace | undefined = i.pidNamespacePid ? { type: 'pid', path: `/proc/${i.pidNamespacePid}/ns/pid` } : i.hostPID ? undefined : i.shareProcessNamespace ? ns('pid') : { type: 'pid' };
  // The sandbox's ipc namespace is the host's with hostIPC, so joining it shares the host's.
  const namespaces: OciNamespace[] = [{ type: 'mount' }, ns('ipc'), ...(pid ? [pid] : [])];
  if (!i.hostNetwork) namespaces.push(ns('uts'), ns('network'));
  const privileged = cfg.privileged ?? false;
  const capabilities = containerCapabilities(cfg);
  const env = cfg.env.some((e) => e.startsWith('HOSTNAME=')) ? cfg.env : [...cfg.env, `HOSTNAME=${i.hostname}`];
  return spec({
    rootfs: i.rootfs,
    readonlyRootfs: cfg.readOnlyRootfs ?? false,
    args: cfg.argv,
    env,
    cwd: cfg.workingDir,
    terminal: cfg.tty,
    user: cfg.user,
    capabilities,
    noNewPrivileges: cfg.noNewPrivileges ?? false,
    privileged,
    mounts: [...i.sandboxMounts, ...cfg.mounts.map(userMount)],
    ...(i.rootOverlay ? { rootMount: { destination: '/', type: 'overlay', source: 'overlay', options: i.rootOverlay } } : {}),
    namespaces,
    cgroupsPath: i.cgroupsPath,
    resources: containerResources(cfg),
    seccomp: privileged ? undefined : i.seccomp,
    apparmorProfile: privileged ? undefined : cfg.apparmorProfile,
  });
}

/** The container's bounding set, which the RuntimeDefault seccomp filter follows too. */
export function containerCapabilities(cfg: ContainerConfig): string[] {
  return cfg.privileged ? ALL_CAPS : capabilitySet(cfg.capabilitiesAdd, cfg.capabilitiesDrop);
}

/** Kubernetes capability names come without the CAP_ prefix; "ALL" means every capability. */
function capabilitySet(add: string[] = [], drop: string[] = []): string[] {
  const norm = (c: string) => (c.toUpperCase().startsWith('CAP_') ? c.toUpperCase() : `CAP_${c.toUpperCase()}`);
  const dropped = new Set(drop.map(norm));
  const base = dropped.has('CAP_ALL') ? [] : DEFAULT_CAPS.filter((c) => !dropped.has(c));
  const added = add.map(norm);
  const set = added.includes('CAP_ALL') ? ALL_CAPS : [...base, ...added];
  return [...new Set(set)];
}

function containerResources(cfg: ContainerConfig): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  // Swap equal to the limit: a container over its limit is OOM-killed rather than swapped, as on a kubelet node.
  if (cfg.memoryLimit) r.memory = { limit: cfg.memoryLimit, swap: cfg.memoryLimit };
  const cpu: Record<string, number> = {};
  if (cfg.cpuShares) cpu.shares = cfg.cpuShares;
  if (cfg.cpuMillis) {
    cpu.quota = cpuQuota(cfg.cpuMillis);
    cpu.period = CPU_PERIOD;
  }
  if (Object.keys(cpu).length) r.cpu = cpu;
  if (cfg.pidsLimit) r.pids = { limit: cfg.pidsLimit };
  return r;
}
