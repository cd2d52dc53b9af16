// JSON values as CEL sees them, typed by their schema as Kubernetes types them: integers are int
// (bigint), numbers double, objects maps, int-or-string an int or a string.

import type { CelInput } from '@bufbuild/cel';
import type { JSONSchemaProps } from '../types.js';

/** value converted for CEL under schema (undefined schema: typed by the value itself). */
export function toCel(value: unknown, schema?: JSONSchemaProps): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (schema?.type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value !== 'object') return value as CelInput;
  if (Array.isArray(value)) return value.map((v) => toCel(v, schema?.items));
  const additional = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const m = new Map<string, CelInput>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) m.set(k, toCel(v, schema?.properties?.[k] ?? additional));
  return m;
}
