// Typed decoding, as kube-apiserver gets it for free from Go structs: a body whose fields have the
// wrong JSON type (a string where the schema says array, 1.5 for an integer) is a 400 before any
// default or validation sees it, and a null field means "absent" (Go's zero value). Unknown fields are
// left to field validation (schema/validate.ts).

import { base64ErrorOffset } from '../../api/base64.js';
import { ApiError } from '../../api/errors.js';
import { definitionOf, resolve, shortName, type Schema } from '../../api/schema/definitions.js';

/** []byte maps, base64 on the wire (the model this schema comes from does not mark their format). */
const BYTE_MAPS: Record<string, string[]> = { Secret: ['data'], ConfigMap: ['binaryData'] };

function checkBytes(kind: string, version: string, obj: Record<string, unknown>): void {
  for (const field of BYTE_MAPS[kind] ?? []) {
    const m = obj[field];
    if (!m || typeof m !== 'object') continue;
    for (const v of Object.values(m)) {
      const at = typeof v === 'string' ? base64ErrorOffset(v) : -1;
      if (at >= 0) throw new ApiError('BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: illegal base64 data at input byte ${at}`);
    }
  }
}

/** resource.Quantity fields: a JSON number is a valid quantity (`cpu: 1`), though the model says string. */
const QUANTITY_FIELDS = new Set(['limits', 'requests', 'capacity', 'allocatable', 'overhead', 'sizeLimit', 'hard', 'used']);

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function goType(s: Schema): string {
  if (s.ref) return s.ref.endsWith('IntOrString') ? 'intstr.IntOrString' : `v1.${shortName(s.ref)}`;
  switch (s.type) {
    case 'array':
      return `[]${s.items ? goType(s.items) : 'interface {}'}`;
    case 'object':
      return s.additionalProperties ? `map[string]${goType(s.additionalProperties)}` : 'map[string]interface {}';
    case 'integer':
      return s.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

function zeroOf(s: Schema): unknown {
  const r = resolve(s);
  if (s.ref?.endsWith('IntOrString')) return 0;
  switch (r.type) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return {};
  }
}

interface Ctx {
  kind: string;
  version: string;
}

function fail(ctx: Ctx, value: unknown, owner: string, path: string, s: Schema): never {
  const what = typeof value === 'number' ? `number ${value}` : jsonType(value);
  throw new ApiError('BadRequest', `${ctx.kind} in version "${ctx.version}" cannot be handled as a ${ctx.kind}: json: cannot unmarshal ${what} into Go struct field ${owner}.${path} of type ${goType(s)}`);
}

/** Checks value against s in place, replacing nulls with what Go would decode them to. */
function check(ctx: Ctx, value: unknown, s: Schema, owner: string, path: string, quantity: boolean): void {
  const r = resolve(s);
  if (s.ref?.endsWith('IntOrString')) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31)) return;
    return fail(ctx, value, owner, path, s);
  }
  const owned = s.ref ? shortName(s.ref) : owner;
  switch (r.type) {
    case 'string':
      if (typeof value === 'string' || (quantity && typeof value === 'number' && Number.isFinite(value))) return;
      return fail(ctx, value, owner, path, s);
    case 'integer': {
      const limit = r.format === 'int32' ? 2 ** 31 : Number.MAX_SAFE_INTEGER;
      if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= limit) return;
      return fail(ctx, value, owner, path, s);
    }
    case 'number':
      if (typeof value === 'number') return;
      return fail(ctx, value, owner, path, s);
    case 'boolean':
      if (typeof value === 'boolean') return;
      return fail(ctx, value, owner, path, s);
    case 'array': {
      if (!Array.isArray(value)) return fail(ctx, value, owner, path, s);
      if (!r.items) return;
      for (let i = 0; i < value.length; i++) {
        if (value[i] === null) value[i] = zeroOf(r.items);
        else check(ctx, value[i], r.items, owned, path, quantity);
      }
      return;
    }
    default: {
      if (!r.properties && !r.additionalProperties) return; // free-form (RawExtension, FieldsV1)
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(ctx, value, owner, path, s);
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const child = r.properties ? r.properties[k] : r.additionalProperties;
        if (!child) continue; // unknown: field validation's business
        const childPath = r.properties ? (path ? `${path}.${k}` : k) : path;
        // undefined can only come from code (a patch that removed the field): absent, like null.
        if (o[k] === null || o[k] === undefined) {
          if (r.properties || o[k] === undefined) delete o[k];
          else o[k] = zeroOf(child);
          continue;
        }
        check(ctx, o[k], child, owned, childPath, quantity || (r.properties !== undefined && QUANTITY_FIELDS.has(k)));
      }
    }
  }
}

/**
 * Throws a 400 when obj cannot be decoded as apiVersion/kind; replaces null fields with their Go
 * zero value (absent, "", 0, …) so nothing downstream meets a null the schema does not allow.
 */
export function checkTypes(apiVersion: string, kind: string, obj: Record<string, unknown>): void {
  const def = definitionOf(apiVersion, kind);
  if (!def) return;
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1]! : apiVersion;
  check({ kind, version }, obj, { ref: def }, kind, '', false);
  checkBytes(kind, version, obj);
}
