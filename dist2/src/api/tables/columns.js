// Column definitions, described the way upstream describes them: by the schema's field documentation.
import { definitions } from '../schema/definitions.js';
/** The description of `field` in the definition `def` (`io.k8s.api.core.v1.PodSpec`, `nodeName`). */
export function doc(def, field) {
    return definitions().get(def)?.properties?.[field]?.description ?? '';
}
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
export const core = (type) => `io.k8s.api.core.v1.${type}`;
export function column(name, description, opts = {}) {
    return { name, type: opts.type ?? 'string', format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}
export const nameColumn = (priority = 0) => column('Name', doc(META, 'name'), { format: 'name', priority });
export const ageColumn = () => column('Age', doc(META, 'creationTimestamp'));
export const createdAtColumn = () => column('Created At', doc(META, 'creationTimestamp'), { type: 'date' });
//# sourceMappingURL=columns.js.map