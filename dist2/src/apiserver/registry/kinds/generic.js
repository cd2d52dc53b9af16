// The strategy most kinds use: defaults and validation from api/, status (when the kind has one)
// owned by the /status subresource.
import { applyDefaults } from '../../../api/defaults/index.js';
import { validateCreate, validateStatusUpdate, validateUpdate } from '../../../api/validation/index.js';
/** An update of the main resource keeps the stored status (it is /status's to change). */
export function keepStatus(obj, old) {
    if (old.status === undefined)
        delete obj.status;
    else
        obj.status = structuredClone(old.status);
}
/** An update through /status: everything but status and metadata comes from the stored object. */
export function takeStatusOnly(obj, old) {
    for (const k of Object.keys(obj))
        if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind')
            delete obj[k];
    for (const k of Object.keys(old))
        if (k !== 'status' && k !== 'metadata')
            obj[k] = structuredClone(old[k]);
}
export function genericStrategy(o) {
    return {
        prepareForCreate(obj) {
            if (o.resetStatusOnCreate)
                delete obj.status;
            applyDefaults(o.kind, obj);
        },
        validateCreate: (obj) => validateCreate(o.kind, obj),
        prepareForUpdate(obj, old) {
            // Kubernetes defaults every object it decodes, updates included: a PUT of a manifest without the
            // defaulted fields (kubectl replace -f) keeps them instead of failing validation.
            applyDefaults(o.kind, obj);
            if (o.hasStatus)
                keepStatus(obj, old);
        },
        validateUpdate: (obj, old) => validateUpdate(o.kind, obj, old),
        prepareForStatusUpdate: takeStatusOnly,
        validateStatusUpdate: (obj, old) => validateStatusUpdate(o.kind, obj, old),
        allowCreateOnUpdate: o.allowCreateOnUpdate ?? false,
        allowUnconditionalUpdate: true,
        deletionGrace: () => 0,
    };
}
//# sourceMappingURL=generic.js.map