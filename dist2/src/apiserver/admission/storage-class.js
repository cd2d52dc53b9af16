// What upstream's DefaultStorageClass and PersistentVolumeClaimResize admission plugins do: a claim
// created without a class (the field absent, not "") gets the default class (of several, the newest,
// as upstream since 1.26); a claim may grow only when its class allows volume expansion.
import { compareQuantities, parseQuantity } from '../../api/quantity.js';
import { forbidden } from '../../api/errors.js';
import { isDefaultClass } from '../../api/tables/storage.js';
export class StorageClasses {
    #storage;
    constructor(storage) {
        this.#storage = storage;
    }
    defaultClass() {
        let best;
        for (const e of this.#storage.cache.scan(this.#storage.cache.prefix)) {
            const sc = e.obj;
            if (!isDefaultClass(sc))
                continue;
            const newer = !best || (sc.metadata.creationTimestamp ?? '') > (best.metadata.creationTimestamp ?? '') || ((sc.metadata.creationTimestamp ?? '') === (best.metadata.creationTimestamp ?? '') && (sc.metadata.name ?? '') < (best.metadata.name ?? ''));
            if (newer)
                best = sc;
        }
        return best;
    }
    /** Admission of claim writes. */
    admitClaim(verb, obj, old, subresource) {
        const pvc = obj;
        if (!pvc?.spec)
            return;
        if (verb === 'create') {
            if (pvc.spec.storageClassName === undefined || pvc.spec.storageClassName === null) {
                const name = this.defaultClass()?.metadata.name;
                if (name)
                    pvc.spec.storageClassName = name;
            }
            return;
        }
        if (verb !== 'update' || subresource || !old)
            return;
        const size = (c) => {
            try {
                return parseQuantity(String(c.spec?.resources?.requests?.storage ?? ''));
            }
            catch {
                return undefined; // validation reports it
            }
        };
        const now = size(pvc);
        const before = size(old);
        if (!now || !before || compareQuantities(now, before) <= 0)
            return;
        const className = pvc.spec.storageClassName;
        const sc = className ? this.#storage.getEntry(undefined, className)?.obj : undefined;
        if (!sc?.allowVolumeExpansion) {
            throw forbidden('persistentvolumeclaims', pvc.metadata.name ?? '', 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize', '');
        }
    }
}
//# sourceMappingURL=storage-class.js.map