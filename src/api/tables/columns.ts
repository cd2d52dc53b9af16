// Column definitions, described the way upstream describes them: by the schema's field documentation.

import { definitions } from '../schema/definitions.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** The description of `field` in the definition `def` (`io.k8s.api.core.v1.PodSpec`, `nodeName`). */
export function doc(def: string, field: string): string {
  return definitions().get(def)?.properties?.[field]?.description ?? '';
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
export const core = (type: string) => `io.k8s.api.core.v1.${type}`;

export function column(name: string, description: string, opts: { format?: string; priority?: number; type?: string } = {}): ColumnDefinition {
  return { name, type: opts.type ?? 'string', format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

export const nameColumn = (priority = 0) => column('Name', doc(META, 'name'), { format: 'name', priority });
export const ageColumn = () => column('Age', doc(META, 'creationTimestamp'));
export const createdAtColumn = () => column('Created At', doc(META, 'creationTimestamp'), { type: 'date' });
