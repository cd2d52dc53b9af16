// The API objects a Pod's spec names: what its node must read to run it (secrets and config maps in
// volumes, env and envFrom, image pull secrets; claims; its service account). Transitive references
// (pod → claim → volume → secret) are not followed, as upstream's pod visitors do not follow them.

import type { Container, Pod } from '../../api/types.js';

export type ReferencedResource = 'secrets' | 'configmaps' | 'persistentvolumeclaims' | 'serviceaccounts';

export { MIRROR_POD_ANNOTATION } from '../../api/types.js';

interface NameRef {
  name?: string;
}

/** Volume sources that name a secret in `secretRef` (the storage plugins' credentials). */
const SECRET_REF_SOURCES = ['cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos'] as const;

function containersOf(spec: Partial<Pod['spec']>): Container[] {
  const ephemeral = (spec as { ephemeralContainers?: Container[] }).ephemeralContainers ?? [];
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...ephemeral];
}

/** Calls visit(resource, name) for every object the Pod references by name; empty names are skipped. */
export function visitPodReferences(pod: Pod, visit: (resource: ReferencedResource, name: string) => void): void {
  const v = (resource: ReferencedResource, name: unknown): void => {
    if (typeof name === 'string' && name !== '') visit(resource, name);
  };
  const spec: Partial<Pod['spec']> = pod.spec ?? {};
  v('serviceaccounts', spec.serviceAccountName);
  for (const s of spec.imagePullSecrets ?? []) v('secrets', s?.name);
  for (const c of containersOf(spec)) {
    for (const e of c?.env ?? []) {
      v('secrets', e?.valueFrom?.secretKeyRef?.name);
      v('configmaps', e?.valueFrom?.configMapKeyRef?.name);
    }
    for (const from of (c as { envFrom?: { secretRef?: NameRef; configMapRef?: NameRef }[] })?.envFrom ?? []) {
      v('secrets', from?.secretRef?.name);
      v('configmaps', from?.configMapRef?.name);
    }
  }
  for (const vol of spec.volumes ?? []) {
    if (!vol) continue;
    const src = vol as Record<string, { [k: string]: unknown } | undefined>;
    v('secrets', vol.secret?.secretName);
    v('configmaps', vol.configMap?.name);
    v('secrets', src.azureFile?.secretName);
    v('secrets', (src.csi?.nodePublishSecretRef as NameRef | undefined)?.name);
    for (const k of SECRET_REF_SOURCES) v('secrets', (src[k]?.secretRef as NameRef | undefined)?.name);
    for (const p of (src.projected?.sources as { secret?: NameRef; configMap?: NameRef }[] | undefined) ?? []) {
      v('secrets', p?.secret?.name);
      v('configmaps', p?.configMap?.name);
    }
    v('persistentvolumeclaims', (src.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName);
    // A generic ephemeral volume's claim is named after the Pod and the volume.
    if (src.ephemeral) v('persistentvolumeclaims', `${pod.metadata.name}-${vol.name}`);
  }
}
