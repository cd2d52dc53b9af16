// A Pod's volumes on the host, under <podDir>/volumes, and the runtime mounts each container gets.
// Set up once per Pod before its first container; the configMap, secret, downwardAPI and projected ones
// are rewritten when what they show changes (the objects, the Pod's labels or annotations); torn down
// when the Pod is gone.

import { randomBytes } from 'node:crypto';
import { runChecked } from '../util/host-command.js';
import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import type { Container, DownwardAPIVolumeFile, KeyToPath, PersistentVolume, PersistentVolumeClaim, Pod, ServiceAccountTokenProjection, Volume } from '../api/types.js';
import type { Mount } from '../runtime/types.js';
import { fieldRefValue, resourceFieldValue } from './env.js';
import { configError, VolumeError } from './errors.js';
import { expandVars } from './expand.js';
import { memoryBytes } from '../api/quantity.js';
import { bindSubPath, SubPathError } from './subpath.js';
import { isMountPoint, unmountUnder } from '../util/mounts.js';
import { createdWithMode } from '../util/fs.js';
import { settleAllFirstError } from '../util/settle.js';

export interface PreparedVolume {
  hostPath: string;
  /** configMap, secret, downwardAPI and projected volumes are always mounted read-only. */
  readOnly: boolean;
}

export interface VolumeSources {
  getConfigMap(name: string): Promise<Record<string, Buffer> | null>;
  getSecret(name: string): Promise<Record<string, Buffer> | null>;
  /** A token of the Pod's service account for a projected serviceAccountToken source. */
  serviceAccountToken(source: ServiceAccountTokenProjection): Promise<string>;
  /** Node allocatable, the value of an unset limit in a downwardAPI resourceFieldRef. */
  nodeAllocatable: Record<string, string>;
  /** The Pod's claim by name and a volume by name, for persistentVolumeClaim volumes; null when absent. */
  getPersistentVolumeClaim(name: string): Promise<PersistentVolumeClaim | null>;
  getPersistentVolume(name: string): Promise<PersistentVolume | null>;
}

export const volumesDir = (podDir: string): string => join(podDir, 'volumes');

async function statOrNull(path: string) {
  return fs.stat(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
}

/** The hostPath `type` check, with the kubelet's own error wording. */
export async function checkHostPathType(path: string, type: string | undefined): Promise<void> {
  let st = await statOrNull(path);
  if (!type) {
    // No type means no check; a missing path is made a directory, as containerd and Docker do for binds.
    if (!st) await fs.mkdir(path, { recursive: true, mode: 0o755 });
    return;
  }
  switch (type) {
    case 'DirectoryOrCreate':
      if (!st) {
        await fs.mkdir(path, { recursive: true, mode: 0o755 });
        return;
      }
    // falls through: an existing path must be a directory
    case 'Directory':
      if (!st?.isDirectory()) throw new Error(`hostPath type check failed: ${path} is not a directory`);
      return;
    case 'FileOrCreate':
      if (!st) {
        await fs.mkdir(dirname(path), { recursive: true, mode: 0o755 });
        await fs.writeFile(path, '', { mode: 0o644, flag: 'a' });
        st = await fs.stat(path);
      }
    // falls through: an existing path must be a file
    case 'File':
      if (!st?.isFile()) throw new Error(`hostPath type check failed: ${path} is not a file`);
      return;
    case 'Socket':
      if (!st?.isSocket()) throw new Error(`hostPath type check failed: ${path} is not a socket file`);
      return;
    case 'CharDevice':
      if (!st?.isCharacterDevice()) throw new Error(`hostPath type check failed: ${path} is not a character device`);
      return;
    case 'BlockDevice':
      if (!st?.isBlockDevice()) throw new Error(`hostPath type check failed: ${path} is not a block device`);
      return;
    default:
      throw new Error(`${type} is an invalid volume type`);
  }
}

/** One file of a configMap, secret, downwardAPI or projected volume, at its path inside the volume. */
interface VolumeFile { path: string; data: Buffer; mode: number; gid?: number }

/**
 * The chosen keys of configMap/secret data as files: every key, or only the listed items at their paths.
 * A listed key that is missing is an error, unless the source is optional (then it is left out).
 */
function keyFiles(data: Record<string, Buffer>, items: KeyToPath[] | undefined, defaultMode: number, kind: 'ConfigMap' | 'Secret', optional: boolean): VolumeFile[] {
  const entries = items ?? Object.keys(data).map((key) => ({ key, path: key }) as KeyToPath);
  return entries.flatMap((it) => {
    const value = data[it.key];
    if (value === undefined) {
      if (optional) return [];
      throw new Error(kind === 'Secret' ? `references non-existent secret key: ${it.key}` : `configmap references non-existent config key: ${it.key}`);
    }
    return [{ path: it.path, data: value, mode: it.mode ?? defaultMode }];
  });
}

/** A configMap or secret's files; a missing source is an error unless optional (then no files). */
async function sourceFiles(kind: 'ConfigMap' | 'Secret', ref: { name?: string; items?: KeyToPath[]; optional?: boolean }, name: string, defaultMode: number, src: VolumeSources): Promise<VolumeFile[]> {
  const data = await (kind === 'Secret' ? src.getSecret(name) : src.getConfigMap(name));
  if (!data) {
    if (ref.optional) return [];
    throw new Error(`${kind.toLowerCase()} "${name}" not found`);
  }
  return keyFiles(data, ref.items, defaultMode, kind, !!ref.optional);
}

/** downwardAPI items: the Pod's own fields and its containers' resources, read now. */
function downwardFiles(pod: Pod, items: DownwardAPIVolumeFile[] | undefined, defaultMode: number, allocatable: Record<string, string>): VolumeFile[] {
  return (items ?? []).map((it) => {
    const value = it.fieldRef
      ? fieldRefValue(pod, it.fieldRef.fieldPath, { podIP: '', hostIP: '' })
      : it.resourceFieldRef ? resourceFieldValue(pod, undefined, it.resourceFieldRef, allocatable) : '';
    return { path: it.path, data: Buffer.from(value), mode: it.mode ?? defaultMode };
  });
}

const timestampDirName = (now: Date): string => `..${now.toISOString().replace(/[-:T]/g, '_').replace(/Z$/, '')}`;

/** The files under dir, by path relative to it (symlinks are not followed). */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...await listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

/** Whether the written version holds exactly these files, bytes and modes: then nothing is rewritten. */
async function sameFiles(root: string, files: VolumeFile[]): Promise<boolean> {
  const written = await listFiles(root).catch(() => undefined);
  if (!written || written.length !== files.length) return false;
  for (const f of files) {
    const path = join(root, normalize(f.path));
    const [st, data] = await Promise.all([fs.lstat(path).catch(() => undefined), fs.readFile(path).catch(() => undefined)]);
    if (!st?.isFile() || (st.mode & 0o7777) !== f.mode || (f.gid !== undefined && st.gid !== f.gid) || !data?.equals(f.data)) return false;
  }
  return true;
}

/**
 * The kubelet's atomic-writer layout: the files in a timestamped folder, `..data` a symlink to it, and
 * each top-level name a symlink through `..data`. A rewrite (a changed ConfigMap, new labels) makes a
 * new folder and swaps `..data` with one rename, so readers see the old version or the new, never half
 * of one, and the folder bound into containers stays the same. An unchanged payload is not rewritten,
 * so a container watching the folder sees a change only when there is one. A folder made just now holds
 * nothing yet: no earlier version to compare, no reader to swap under, nothing stale to remove (the
 * common case, a Pod's first start, costs a third fewer filesystem calls).
 */
async function writeVolumeFiles(dir: string, files: VolumeFile[]): Promise<void> {
  const fresh = (await fs.mkdir(dir, { recursive: true, mode: 0o755 })) !== undefined;
  const previous = fresh ? undefined : await fs.readlink(join(dir, '..data')).catch(() => undefined);
  if (previous && await sameFiles(join(dir, previous), files)) return;
  // Made with its mode, as mkdtemp names it (timestamp, then six random characters).
  const root = join(dir, `${timestampDirName(new Date())}${randomBytes(3).toString('hex')}`);
  await fs.mkdir(root, { mode: 0o755 });
  if (!(await createdWithMode(0o755))) await fs.chmod(root, 0o755);
  // The files (and their folders first) are written at once: a Pod's first start waits for them.
  const paths = files.map((f) => {
    const file = join(root, normalize(f.path));
    if (!file.startsWith(root + '/')) throw new Error(`invalid path ${f.path}`);
    return file;
  });
  await Promise.all([...new Set(paths.map(dirname))].filter((d) => d !== root).map((d) => fs.mkdir(d, { recursive: true })));
  await Promise.all(files.map(async (f, i) => {
    // A new file: the mode given is its mode, unless the umask cuts it.
    await fs.writeFile(paths[i]!, f.data, { mode: f.mode, flag: 'wx' });
    if (!(await createdWithMode(f.mode))) await fs.chmod(paths[i]!, f.mode);
    if (f.gid !== undefined) await fs.chown(paths[i]!, 0, f.gid);
  }));
  const top = new Set(files.map((f) => normalize(f.path).split('/')[0]!));
  if (fresh) await fs.symlink(basename(root), join(dir, '..data'));
  else {
    const tmp = join(dir, '..data_tmp');
    await fs.rm(tmp, { force: true });
    await fs.symlink(basename(root), tmp);
    await fs.rename(tmp, join(dir, '..data'));
    // Item paths never start with '..', so every other name here is a link of this layout (or stale).
    for (const name of await fs.readdir(dir)) {
      if (name.startsWith('..')) continue;
      const link = await fs.lstat(join(dir, name));
      if (link.isSymbolicLink() && top.has(name)) top.delete(name);
      else await fs.rm(join(dir, name), { recursive: true, force: true });
    }
  }
  await Promise.all([...top].map((name) => fs.symlink(join('..data', name), join(dir, name))));
  if (previous) await fs.rm(join(dir, previous), { recursive: true, force: true });
}

/** A projected volume's sources, in order, as one list of files. */
async function projectedFiles(pod: Pod, v: NonNullable<Volume['projected']>, src: VolumeSources): Promise<VolumeFile[]> {
  const mode = v.defaultMode ?? 0o644;
  // The sources are read at once (a token request and a ConfigMap are two round trips to the API) and
  // kept in their order; the first failing source in that order is the one reported.
  const read = async (s: NonNullable<typeof v.sources>[number]): Promise<VolumeFile[]> => {
    if (s.configMap) return sourceFiles('ConfigMap', s.configMap, s.configMap.name ?? '', mode, src);
    if (s.secret) return sourceFiles('Secret', s.secret, s.secret.name ?? '', mode, src);
    if (s.downwardAPI) return downwardFiles(pod, s.downwardAPI.items, mode, src.nodeAllocatable);
    if (s.serviceAccountToken) return [{ path: s.serviceAccountToken.path, data: Buffer.from(await src.serviceAccountToken(s.serviceAccountToken)), mode }];
    throw new Error('projected volume source is not supported by berth');
  };
  return (await settleAllFirstError((v.sources ?? []).map(read))).flat();
}

/**
 * A claim's directory on this node: the claim must be Bound, and its volume a hostPath or local one (the
 * local-path provisioner's are hostPath). Bound like a hostPath volume, read-only if the Pod says so.
 */
async function claimVolume(pod: Pod, source: NonNullable<Volume['persistentVolumeClaim']>, src: VolumeSources): Promise<PreparedVolume> {
  const ns = pod.metadata.namespace ?? 'default';
  const claim = await src.getPersistentVolumeClaim(source.claimName);
  if (!claim) throw new Error(`error processing PVC ${ns}/${source.claimName}: persistentvolumeclaim "${source.claimName}" not found`);
  const volumeName = claim.spec?.volumeName ?? '';
  if (claim.status?.phase !== 'Bound' || !volumeName) {
    throw new Error(`PVC ${ns}/${source.claimName} has non-bound phase ("${claim.status?.phase ?? ''}") or empty pvc.Spec.VolumeName ("${volumeName}")`);
  }
  const pv = await src.getPersistentVolume(volumeName);
  if (!pv) throw new Error(`error processing PVC ${ns}/${source.claimName}: persistentvolume "${volumeName}" not found`);
  const readOnly = !!source.readOnly;
  if (pv.spec.hostPath) {
    await checkHostPathType(pv.spec.hostPath.path, pv.spec.hostPath.type);
    return { hostPath: pv.spec.hostPath.path, readOnly };
  }
  if (pv.spec.local) {
    if (!(await statOrNull(pv.spec.local.path))?.isDirectory()) throw new Error(`path "${pv.spec.local.path}" does not exist`);
    return { hostPath: pv.spec.local.path, readOnly };
  }
  const kind = Object.keys(pv.spec).find((k) => typeof pv.spec[k] === 'object' && !['capacity', 'claimRef', 'nodeAffinity'].includes(k)) ?? 'unknown';
  throw new Error(`persistent volume ${volumeName}: volume type ${kind} is not supported by berth`);
}

async function setUp(pod: Pod, v: Volume, podDir: string, src: VolumeSources): Promise<PreparedVolume> {
  if (v.persistentVolumeClaim) return claimVolume(pod, v.persistentVolumeClaim, src);
  if (v.hostPath) {
    await checkHostPathType(v.hostPath.path, v.hostPath.type);
    return { hostPath: v.hostPath.path, readOnly: false };
  }
  if (v.emptyDir) {
    const dir = join(volumesDir(podDir), 'kubernetes.io~empty-dir', v.name);
    await fs.mkdir(dir, { recursive: true });
    await fs.chmod(dir, 0o777);
    // Memory medium: one tmpfs on the host, bound into every container, so they all share it.
    if (v.emptyDir.medium === 'Memory' && !(await isMountPoint(dir))) {
      const size = memoryBytes(v.emptyDir.sizeLimit);
      await runChecked('mount', ['-t', 'tmpfs', '-o', `mode=0777${size ? `,size=${size}` : ''}`, 'tmpfs', dir]);
    }
    return { hostPath: dir, readOnly: false };
  }
  if (v.configMap || v.secret || v.downwardAPI || v.projected) {
    const [plugin, files] = v.secret
      ? ['secret', await sourceFiles('Secret', v.secret, v.secret.secretName ?? '', v.secret.defaultMode ?? 0o644, src)]
      : v.configMap
        ? ['configmap', await sourceFiles('ConfigMap', v.configMap, v.configMap.name ?? '', v.configMap.defaultMode ?? 0o644, src)]
        : v.downwardAPI
          ? ['downward-api', downwardFiles(pod, v.downwardAPI.items, v.downwardAPI.defaultMode ?? 0o644, src.nodeAllocatable)]
          : ['projected', await projectedFiles(pod, v.projected!, src)];
    const dir = join(volumesDir(podDir), `kubernetes.io~${plugin}`, v.name);
    const fsGroup = (pod.spec.securityContext as { fsGroup?: number } | undefined)?.fsGroup;
    // As the kubelet's volume ownership: the files belong to the fsGroup, which may read them.
    await writeVolumeFiles(dir, fsGroup === undefined ? files : files.map((f) => ({ ...f, mode: f.mode | 0o440, gid: fsGroup })));
    return { hostPath: dir, readOnly: true };
  }
  const kind = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
  throw new Error(`volume type ${kind} is not supported by berth`);
}

/** Set up every volume of the Pod; the first failure is a VolumeError naming the volume. */
export async function setUpVolumes(pod: Pod, podDir: string, src: VolumeSources): Promise<Map<string, PreparedVolume>> {
  // Set up at once, as upstream's volume manager mounts a Pod's volumes in parallel; a failure is
  // reported for the first failing volume in the spec's order.
  const volumes = pod.spec.volumes ?? [];
  const prepared = await settleAllFirstError(volumes.map((v) => setUp(pod, v, podDir, src).catch((e: unknown) => {
    throw new VolumeError(v.name, (e as Error).message);
  })));
  return new Map(volumes.map((v, i) => [v.name, prepared[i]!]));
}

/** The volumes the kubelet keeps up to date while the Pod runs. */
const isLive = (v: Volume): boolean => !!(v.configMap || v.secret || v.downwardAPI || v.projected);

/** The ConfigMaps and Secrets whose data the Pod's volumes show (not its env: that is read once). */
export function volumeObjectRefs(pod: Pod): { kind: 'ConfigMap' | 'Secret'; name: string }[] {
  const refs: { kind: 'ConfigMap' | 'Secret'; name: string }[] = [];
  for (const v of pod.spec.volumes ?? []) {
    if (v.configMap?.name) refs.push({ kind: 'ConfigMap', name: v.configMap.name });
    if (v.secret?.secretName) refs.push({ kind: 'Secret', name: v.secret.secretName });
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) refs.push({ kind: 'ConfigMap', name: s.configMap.name });
      if (s.secret?.name) refs.push({ kind: 'Secret', name: s.secret.name });
    }
  }
  return refs;
}

/** What of the Pod may change under a downwardAPI file while it runs: its labels and annotations. */
export function podFieldsKey(pod: Pod): string {
  return JSON.stringify([pod.metadata.labels ?? {}, pod.metadata.annotations ?? {}]);
}

/**
 * Rewrite the configMap, secret, downwardAPI and projected volumes whose content changed (a ConfigMap
 * or Secret, the Pod's labels or annotations). A volume that fails keeps its last content; the
 * failures are returned, one VolumeError each. subPath mounts keep what they were bound to, as upstream.
 */
export async function refreshLiveVolumes(pod: Pod, podDir: string, src: VolumeSources): Promise<VolumeError[]> {
  const failed: VolumeError[] = [];
  for (const v of (pod.spec.volumes ?? []).filter(isLive)) {
    try {
      await setUp(pod, v, podDir, src);
    } catch (e) {
      failed.push(new VolumeError(v.name, (e as Error).message));
    }
  }
  return failed;
}

/**
 * Undo what setUpVolumes and containerMounts did on the host (memory emptyDirs, subPath binds), then
 * remove the Pod's volume dirs. Unmounting comes first and must succeed: a recursive delete through a
 * subPath bind of a hostPath would delete the host's files.
 */
export async function tearDownVolumes(podDir: string): Promise<void> {
  await unmountUnder(podDir);
  await fs.rm(join(podDir, 'volume-subpaths'), { recursive: true, force: true });
  await fs.rm(volumesDir(podDir), { recursive: true, force: true });
}

/** Where a container's subPath mounts are bound on the host: <podDir>/volume-subpaths/<volume>/<container>/<index>. */
const subPathTarget = (podDir: string, volume: string, container: string, index: number): string =>
  join(podDir, 'volume-subpaths', volume, container, String(index));

/**
 * The container's volumeMounts as runtime mounts. A subPath is created if missing and bound from inside
 * its volume (./subpath.ts); the runtime mounts that bind, never a path a container could redirect.
 */
export async function containerMounts(c: Container, volumes: ReadonlyMap<string, PreparedVolume>, env: ReadonlyMap<string, string>, podDir: string): Promise<Mount[]> {
  const mounts: Mount[] = [];
  for (const [i, m] of (c.volumeMounts ?? []).entries()) {
    const vol = volumes.get(m.name);
    if (!vol) throw configError(`cannot find volume "${m.name}" to mount into container "${c.name}"`);
    const sub = m.subPathExpr ? expandVars(m.subPathExpr, (n) => env.get(n)) : m.subPath ?? '';
    let hostPath = vol.hostPath;
    if (sub) {
      if (isAbsolute(sub) || normalize(sub).split('/').includes('..')) throw configError(`subPath "${sub}" must be a relative path without ..`);
      hostPath = subPathTarget(podDir, m.name, c.name, i);
      try {
        await bindSubPath(vol.hostPath, sub, hostPath);
      } catch (e) {
        if (!(e instanceof SubPathError)) throw e;
        // As the kubelet: the detail (host paths) is not shown to whoever reads the Pod.
        throw configError(e.step === 'create'
          ? `failed to create subPath directory for volumeMount "${m.name}" of container "${c.name}"`
          : `failed to prepare subPath for volumeMount "${m.name}" of container "${c.name}"`);
      }
    }
    mounts.push({ hostPath, containerPath: m.mountPath, readOnly: !!m.readOnly || vol.readOnly, type: 'bind' });
  }
  return mounts;
}
