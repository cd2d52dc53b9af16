// The rows of `kubectl get` for PersistentVolumes, PersistentVolumeClaims and StorageClasses, with
// upstream's columns (kubectl 1.33 prints what the server sends).
import { ageColumn, column, core, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
/** The annotation that makes a StorageClass the one claims without a class get. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
export function isDefaultClass(sc) {
    const a = sc.metadata.annotations ?? {};
    return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}
const MODE_ABBREVIATIONS = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
/** Access modes as kubectl abbreviates them, in upstream's fixed order. */
function accessModes(modes) {
    return MODE_ABBREVIATIONS.filter(([m]) => modes?.includes(m)).map(([, short]) => short).join(',');
}
/** The class of a volume or claim: the field, or the beta annotation older objects carry. */
function className(o, field) {
    return field ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}
const terminatingOr = (o, phase) => (o.metadata.deletionTimestamp ? 'Terminating' : phase ?? '');
export function persistentVolumeColumns() {
    const spec = core('PersistentVolumeSpec');
    return [
        nameColumn(),
        column('Capacity', doc(spec, 'capacity')),
        column('Access Modes', doc(spec, 'accessModes')),
        column('Reclaim Policy', doc(spec, 'persistentVolumeReclaimPolicy')),
        column('Status', doc(core('PersistentVolumeStatus'), 'phase')),
        column('Claim', doc(spec, 'claimRef')),
        column('StorageClass', 'StorageClass of the pv'),
        column('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
        column('Reason', doc(core('PersistentVolumeStatus'), 'reason')),
        ageColumn(),
        column('VolumeMode', doc(spec, 'volumeMode'), { priority: 1 }),
    ];
}
export function persistentVolumeCells(o, now) {
    const pv = o;
    const s = pv.spec ?? {};
    const claim = s.claimRef ? `${s.claimRef.namespace ?? ''}/${s.claimRef.name ?? ''}` : '';
    return [
        o.metadata.name, s.capacity?.storage ?? '0', accessModes(s.accessModes), s.persistentVolumeReclaimPolicy ?? '', terminatingOr(o, pv.status?.phase), claim,
        className(o, s.storageClassName), s.volumeAttributesClassName || '<unset>', pv.status?.reason ?? '', since(o.metadata.creationTimestamp, now), s.volumeMode ?? '<unset>',
    ];
}
export function persistentVolumeClaimColumns() {
    const spec = core('PersistentVolumeClaimSpec');
    return [
        nameColumn(),
        column('Status', doc(core('PersistentVolumeClaimStatus'), 'phase')),
        column('Volume', doc(spec, 'volumeName')),
        column('Capacity', doc(core('PersistentVolumeClaimStatus'), 'capacity')),
        column('Access Modes', doc(core('PersistentVolumeClaimStatus'), 'accessModes')),
        column('StorageClass', 'StorageClass of the pvc'),
        column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
        ageColumn(),
        column('VolumeMode', doc(spec, 'volumeMode'), { priority: 1 }),
    ];
}
export function persistentVolumeClaimCells(o, now) {
    const pvc = o;
    const s = pvc.spec ?? {};
    // Capacity and modes are the bound volume's, shown only once there is one.
    const bound = !!s.volumeName;
    const attributes = pvc.status?.currentVolumeAttributesClassName || '<unset>';
    return [
        o.metadata.name, terminatingOr(o, pvc.status?.phase), s.volumeName ?? '', bound ? pvc.status?.capacity?.storage ?? '' : '', bound ? accessModes(pvc.status?.accessModes) : '',
        className(o, s.storageClassName), attributes, since(o.metadata.creationTimestamp, now), s.volumeMode ?? '<unset>',
    ];
}
export function storageClassColumns() {
    const sc = 'io.k8s.api.storage.v1.StorageClass';
    return [
        nameColumn(),
        column('Provisioner', doc(sc, 'provisioner')),
        column('ReclaimPolicy', doc(sc, 'reclaimPolicy')),
        column('VolumeBindingMode', doc(sc, 'volumeBindingMode')),
        column('AllowVolumeExpansion', doc(sc, 'allowVolumeExpansion')),
        ageColumn(),
    ];
}
export function storageClassCells(o, now) {
    const sc = o;
    const name = isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name;
    return [name, sc.provisioner, sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate', String(sc.allowVolumeExpansion ?? false), since(o.metadata.creationTimestamp, now)];
}
//# sourceMappingURL=storage.js.map