// The Strategy of one custom resource version: its CRD's schema prunes, defaults and validates every
// write (structure, then CEL rules with oldSelf on update), and status belongs to /status when the
// version has that subresource.
import { ApiError } from '../../api/errors.js';
import { applySchemaDefaults } from '../../api/crd/defaults.js';
import { pruneUnknown } from '../../api/crd/prune.js';
import { compileRules, validateRules } from '../../api/crd/rules.js';
import { validateValue } from '../../api/crd/validate-value.js';
import { customResourcePrinter } from '../../api/tables/custom.js';
import { FieldPath } from '../../api/validation/field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/meta.js';
import { nameIsDNSSubdomain } from '../../api/validation/names.js';
import { keepStatus, takeStatusOnly } from '../registry/kinds/generic.js';
/** Prunes and defaults obj in place, as every decode of a custom resource does. */
function normalise(obj, v) {
    pruneUnknown(obj, v.schema);
    applySchemaDefaults(obj, v.schema);
}
function schemaCauses(obj, old, v) {
    const causes = validateValue(obj, v.schema);
    return causes.length ? causes : validateRules(obj, old, v.schema);
}
/** terminating: whether the CRD is being deleted (creates are refused then, as upstream). */
export function customResourceStrategy(v, terminating) {
    // The rules compile against this very schema object (the CRD's validation compiled its own copy).
    compileRules(v.schema, FieldPath.root(''));
    const hasStatus = v.resource.subresources.includes('status');
    const metaRules = { namespaced: v.resource.namespaced, nameRule: nameIsDNSSubdomain };
    const scale = v.version.subresources?.scale;
    return {
        prepareForCreate(obj) {
            if (hasStatus)
                delete obj.status;
            normalise(obj, v);
        },
        validateCreate: (obj) => [...validateObjectMeta(obj.metadata, metaRules), ...schemaCauses(obj, undefined, v)],
        prepareForUpdate(obj, old) {
            if (hasStatus)
                keepStatus(obj, old);
            normalise(obj, v);
        },
        validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...schemaCauses(obj, old, v)],
        prepareForStatusUpdate(obj, old) {
            takeStatusOnly(obj, old);
            normalise(obj, v);
        },
        validateStatusUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...schemaCauses(obj, old, v)],
        allowCreateOnUpdate: false,
        allowUnconditionalUpdate: true,
        deletionGrace: () => 0,
        admit(verb) {
            if (verb === 'create' && terminating()) {
                throw new ApiError('MethodNotAllowed', `create not allowed while custom resource definition is terminating`);
            }
        },
        unknownFields: (obj) => pruneUnknown(structuredClone(obj), v.schema),
        printer: customResourcePrinter(v.version.additionalPrinterColumns),
        ...(scale ? { scale } : {}),
    };
}
//# sourceMappingURL=strategy.js.map