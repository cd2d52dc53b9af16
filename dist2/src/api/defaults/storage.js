// Storage defaults, as upstream's: a PersistentVolume is retained when released and a filesystem unless
// it says Block, and both it and a claim start Pending; a StorageClass deletes what it provisioned and
// binds at once unless it says otherwise; an IngressClass's parameters are cluster-scoped by default.
export function defaultPersistentVolume(pv) {
    pv.spec ??= {};
    pv.spec.persistentVolumeReclaimPolicy ??= 'Retain';
    pv.spec.volumeMode ??= 'Filesystem';
    if (pv.spec.hostPath)
        pv.spec.hostPath.type ??= '';
    pv.status ??= {};
    pv.status.phase ??= 'Pending';
}
export function defaultPersistentVolumeClaim(pvc) {
    pvc.spec ??= {};
    pvc.spec.volumeMode ??= 'Filesystem';
    pvc.status ??= {};
    pvc.status.phase ??= 'Pending';
}
export function defaultStorageClass(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
}
export function defaultIngressClass(ic) {
    const params = ic.spec?.parameters;
    if (params)
        params.scope ??= 'Cluster';
}
//# sourceMappingURL=storage.js.map