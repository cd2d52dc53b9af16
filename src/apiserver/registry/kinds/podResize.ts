// pods/resize: a write that takes only containers' resources and resizePolicy from the request.
import type { KObject, Pod } from '../../../api/types.js';
import { validatePodSpec } from '../../../api/validation/pod.js';
import { FieldPath } from '../../../api/validation/field.js';
import { applyResize, validatePodResize } from '../../../api/validation/podResize.js';

export const resizeUpdate = {
  prepare(obj: KObject, old: KObject): void {
    const merged = applyResize(obj as Pod, old as Pod);
    Object.assign(obj, { spec: merged.spec, status: merged.status });
    // The store goes on writing into the metadata object it holds: refill it rather than replace it.
    const meta = obj.metadata as Record<string, unknown>;
    for (const key of Object.keys(meta)) delete meta[key];
    Object.assign(meta, merged.metadata);
  },
  validate(obj: KObject, old: KObject) {
    const pod = obj as Pod;
    return [...validatePodSpec(pod.spec, FieldPath.root('spec')), ...validatePodResize(pod, old as Pod)];
  },
};
