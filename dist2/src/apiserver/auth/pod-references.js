// The API objects a Pod's spec names: what its node must read to run it (secrets and config maps in
// volumes, env and envFrom, image pull secrets; claims; its service account). Transitive references
// (pod → claim → volume → secret) are not followed, as upstream's pod visitors do not follow them.
export { MIRROR_POD_ANNOTATION } from '../../api/types.js';
/** Volume sources that name a secret in `secretRef` (the storage plugins' credentials). */
const SECRET_REF_SOURCES = ['cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos'];
function containersOf(spec) {
    const ephemeral = spec.ephemeralContainers ?? [];
    return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...ephemeral];
}
/** Calls visit(resource, name) for every object the Pod references by name; empty names are skipped. */
export function visitPodReferences(pod, visit) {
    const v = (resource, name) => {
        if (typeof name === 'string' && name !== '')
            visit(resource, name);
    };
    const spec = pod.spec ?? {};
    v('serviceaccounts', spec.serviceAccountName);
    for (const s of spec.imagePullSecrets ?? [])
        v('secrets', s?.name);
    for (const c of containersOf(spec)) {
        for (const e of c?.env ?? []) {
            v('secrets', e?.valueFrom?.secretKeyRef?.name);
            v('configmaps', e?.valueFrom?.configMapKeyRef?.name);
        }
        for (const from of c?.envFrom ?? []) {
            v('secrets', from?.secretRef?.name);
            v('configmaps', from?.configMapRef?.name);
        }
    }
    for (const vol of spec.volumes ?? []) {
        if (!vol)
            continue;
        const src = vol;
        v('secrets', vol.secret?.secretName);
        v('configmaps', vol.configMap?.name);
        v('secrets', src.azureFile?.secretName);
        v('secrets', src.csi?.nodePublishSecretRef?.name);
        for (const k of SECRET_REF_SOURCES)
            v('secrets', src[k]?.secretRef?.name);
        for (const p of src.projected?.sources ?? []) {
            v('secrets', p?.secret?.name);
            v('configmaps', p?.configMap?.name);
        }
        v('persistentvolumeclaims', src.persistentVolumeClaim?.claimName);
        // A generic ephemeral volume's claim is named after the Pod and the volume.
        if (src.ephemeral)
            v('persistentvolumeclaims', `${pod.metadata.name}-${vol.name}`);
    }
}
//# sourceMappingURL=pod-references.js.map