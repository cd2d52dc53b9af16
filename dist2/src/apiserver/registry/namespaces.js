// Namespace lifecycle: the system namespaces always exist, nothing is created in a missing or
// terminating namespace, and deleting one marks it Terminating. Emptying it is the namespace
// controller's job (through the API, as upstream); it then removes the `kubernetes` finalizer through
// namespaces/<n>/finalize, and the namespace goes with its last finalizer.
import { ApiError, forbidden, notFound } from '../../api/errors.js';
import { validateFinalizers } from '../../api/validation/meta.js';
import { FieldPath } from '../../api/validation/field.js';
import { rfc3339 } from '../../api/time.js';
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
export class NamespaceLifecycle {
    #namespaces;
    #ctx;
    constructor(namespaces, systemCtx) {
        this.#namespaces = namespaces;
        this.#ctx = systemCtx;
    }
    checkCreate(ns, resource, name, group = '') {
        const e = this.#namespaces.getEntry(undefined, ns);
        if (!e)
            throw notFound('namespaces', ns);
        if (e.obj.metadata.deletionTimestamp) {
            throw forbidden(resource, name, `unable to create new content in namespace ${ns} because it is being terminated`, group);
        }
    }
    /** Creates the system namespaces. */
    async start() {
        for (const name of SYSTEM_NAMESPACES) {
            if (!this.#namespaces.getEntry(undefined, name)) {
                await this.#namespaces.create(undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, this.#ctx).catch((e) => {
                    if (!(e instanceof ApiError && e.code === 'AlreadyExists'))
                        throw e;
                });
            }
        }
    }
    /** DELETE of a namespace: mark it Terminating; one with no finalizers at all goes at once. */
    async delete(name, ctx) {
        if (SYSTEM_NAMESPACES.includes(name)) {
            throw new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
        }
        const obj = await this.#namespaces.guaranteedUpdate(undefined, name, ctx, (ns) => {
            if (!ns.metadata.deletionTimestamp) {
                ns.metadata.deletionTimestamp = rfc3339();
                ns.metadata.deletionGracePeriodSeconds = 0;
            }
            ns.status = { ...ns.status, phase: 'Terminating' };
            return ns;
        });
        const ns = obj;
        if (!ns.spec?.finalizers?.length && !ns.metadata.finalizers?.length && !ctx.dryRun) {
            return (await this.#namespaces.delete(undefined, name, {}, ctx)).obj;
        }
        return obj;
    }
}
/** namespaces/<n>/finalize: writes spec.finalizers and nothing else. */
export const FINALIZE = {
    prepare(obj, old) {
        const finalizers = obj.spec?.finalizers;
        for (const k of Object.keys(obj))
            if (k !== 'metadata' && k !== 'apiVersion' && k !== 'kind')
                delete obj[k];
        for (const k of Object.keys(old))
            if (k !== 'metadata')
                obj[k] = structuredClone(old[k]);
        obj.metadata = { ...structuredClone(old.metadata), resourceVersion: obj.metadata.resourceVersion };
        obj.spec = { ...old.spec, finalizers: finalizers ?? [] };
    },
    validate: (obj) => validateFinalizers(obj.spec?.finalizers, FieldPath.root('spec').child('finalizers')),
};
/** A namespace goes once neither its spec nor its metadata hold a finalizer. */
export function namespaceFinalized(obj, old) {
    const held = (o) => (o.metadata.finalizers?.length ?? 0) + (o.spec?.finalizers?.length ?? 0);
    return held(obj) === 0 && held(old) > 0;
}
//# sourceMappingURL=namespaces.js.map