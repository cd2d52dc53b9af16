// Upstream's ServiceAccount admission plugin, for Pods being created: the Pod runs as the account it
// names (default `default`), which must exist; unless automountServiceAccountToken says otherwise (the
// Pod's word over the account's), every container gets the account's API credentials as the projected
// volume `kube-api-access-<5 random>` at /var/run/secrets/kubernetes.io/serviceaccount: a bound token
// the kubelet requests and refreshes, the cluster CA (kube-root-ca.crt) and the namespace. The account's
// imagePullSecrets become the Pod's when it names none. Mirror Pods are left as they are.

import { forbidden } from '../../api/errors.js';
import { defaultServiceAccountName } from '../../api/defaults/pod.js';
import type { Container, KObject, Pod, ServiceAccount, Volume } from '../../api/types.js';
import { MIRROR_POD_ANNOTATION } from '../auth/pod-references.js';
import { nameSuffix } from '../registry/rest.js';
import { sleep } from '../../util/sleep.js';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';
/** The kubelet's token lifetime for this volume: upstream's 3607 s (an hour and a little, so it is recognisable). */
const TOKEN_EXPIRATION_SECONDS = 3607;
/** The `default` account may lag a new namespace by a moment (its controller makes it): wait this long for it. */
const DEFAULT_ACCOUNT_ATTEMPTS = 10;
const DEFAULT_ACCOUNT_RETRY_MS = 150;

/** A ServiceAccount from the API server's cache, undefined when absent. */
export type ServiceAccountLookup = (namespace: string, name: string) => ServiceAccount | undefined;

async function findAccount(lookup: ServiceAccountLookup, ns: string, name: string): Promise<ServiceAccount | undefined> {
  const attempts = name === 'default' ? DEFAULT_ACCOUNT_ATTEMPTS : 1;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(DEFAULT_ACCOUNT_RETRY_MS);
    const sa = lookup(ns, name);
    if (sa) return sa;
  }
  return undefined;
}

function apiAccessVolume(name: string): Volume {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** Mounts the API credentials into every container that has nothing at the mount path yet. */
function mountApiAccess(pod: Pod): void {
  const spec = pod.spec;
  const volumes = spec.volumes ?? [];
  // Admission runs before validation: malformed lists are left for validation to refuse.
  const lists = [volumes, spec.containers ?? [], spec.initContainers ?? []];
  if (!lists.every((l) => Array.isArray(l) && l.every((x) => x !== null && typeof x === 'object'))) return;
  const existing = volumes.find((v) => typeof v.name === 'string' && v.name.startsWith(VOLUME_PREFIX))?.name;
  const taken = new Set(volumes.map((v) => v.name));
  let name = existing ?? VOLUME_PREFIX + nameSuffix();
  while (!existing && taken.has(name)) name = VOLUME_PREFIX + nameSuffix();
  let needed = false;
  const mount = (c: Container): void => {
    if (!Array.isArray(c.volumeMounts ?? []) || (c.volumeMounts ?? []).some((m) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) return;
    c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
    needed = true;
  };
  for (const c of spec.initContainers ?? []) mount(c);
  for (const c of spec.containers ?? []) mount(c);
  if (needed && !existing) spec.volumes = [...volumes, apiAccessVolume(name)];
}

/** Admits a Pod being created (see the header); a missing account is Forbidden in upstream's words. */
export async function admitServiceAccount(obj: KObject, lookup: ServiceAccountLookup): Promise<void> {
  const pod = obj as Pod;
  if (!pod.spec || pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
  defaultServiceAccountName(pod.spec);
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.spec.serviceAccountName!;
  const sa = await findAccount(lookup, ns, name);
  if (!sa) throw forbidden('pods', pod.metadata.name, `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
  if (pod.spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true) mountApiAccess(pod);
  if (!pod.spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) pod.spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name ?? '' }));
}
