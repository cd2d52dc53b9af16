import { validatePodSpec } from '../../../api/validation/pod.js';
import { FieldPath } from '../../../api/validation/field.js';
import { applyResize, validatePodResize } from '../../../api/validation/podResize.js';
export const resizeUpdate = {
    prepare(obj, old) {
        const merged = applyResize(obj, old);
        Object.assign(obj, { spec: merged.spec, status: merged.status });
        // The store goes on writing into the metadata object it holds: refill it rather than replace it.
        const meta = obj.metadata;
        for (const key of Object.keys(meta))
            delete meta[key];
        Object.assign(meta, merged.metadata);
    },
    validate(obj, old) {
        const pod = obj;
        return [...validatePodSpec(pod.spec, FieldPath.root('spec')), ...validatePodResize(pod, old)];
    },
};
//# sourceMappingURL=podResize.js.map