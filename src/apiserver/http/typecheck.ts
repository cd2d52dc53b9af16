// Typed decoding, as kube-apiserver gets it for free from Go structs: a body whose fields have the
// wrong JSON type (a string where the schema says array, 1.5 for an integer) is a 400 before any
// default or validation sees it, and a null field means "absent" (Go's zero value). Unknown fields are
// left to field validation (schema/validate.ts).

import { base64ErrorOffset } from '../../api/base64.js';
import { ApiError, invalid } from '../../api/errors.js';
import { goFormat } from '../../api/goformat.js';
import { definitionOf, resolve, shortName, type Schema } from '../../api/schema/definitions.js';
import { apiVersionOf, findKind, type ResourceInfo } from '../../api/schema/resources.js';
import { rfc3339 } from '../../api/time.js';

/** resource.Quantity: a JSON number is a valid quantity too (`cpu: 1`), though upstream's v2 form says string. */
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * metav1.Time: kube-apiserver decodes it into a Go time and stores (protobuf, seconds only) and writes
 * (JSON) it in whole seconds, UTC, so a client's fraction or offset never comes back. (MicroTime keeps
 * its fraction; a string that is not RFC 3339 is left for validation.)
 */
const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const RFC3339 = /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/;
function asStoredTime(v: unknown): unknown {
  if (typeof v !== 'string' || !RFC3339.test(v)) return v;
  const at = Date.parse(v);
  return Number.isNaN(at) ? v : rfc3339(at);
}

/** A []byte field (`format: byte`) is base64 on the wire; Go's decoder refuses anything else. */
function checkBase64(ctx: Ctx, v: string): void {
  const at = base64ErrorOffset(v);
  if (at >= 0) throw new ApiError('BadRequest', `${ctx.kind} in version "${ctx.version}" cannot be handled as a ${ctx.kind}: illegal base64 data at input byte ${at}`);
}

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

/** A value of the wrong JSON type: how each decoder words it differs, so the callers do. */
class Mismatch extends Error {
  constructor(readonly value: unknown, readonly owner: string, readonly path: string, readonly schema: Schema) {
    super('type mismatch');
  }
}

function fail(_ctx: Ctx, value: unknown, owner: string, path: string, s: Schema): never {
  throw new Mismatch(value, owner, path, s);
}

/** Go's encoding/json, decoding a request body into the typed object. */
function decodeMessage(ctx: Ctx, m: Mismatch): string {
  const what = typeof m.value === 'number' ? `number ${m.value}` : jsonType(m.value);
  return `${ctx.kind} in version "${ctx.version}" cannot be handled as a ${ctx.kind}: json: cannot unmarshal ${what} into Go struct field ${m.owner}.${m.path} of type ${goType(m.schema)}`;
}

/** The reflect kind a JSON value has once decoded into an unstructured map. */
function unstructuredKind(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** apimachinery's unstructured converter, turning a patched map back into the typed object. */
function unstructuredMessage(m: Mismatch): string {
  const from = unstructuredKind(m.value);
  const r = resolve(m.schema);
  if (r.type === 'array') return `cannot restore slice from ${from}`;
  if (r.type === 'object' || (!r.type && (r.properties || r.additionalProperties))) {
    return r.additionalProperties ? `cannot restore map from ${from}` : `cannot restore struct from: ${from}`;
  }
  const to = goType(m.schema);
  // Go converts an integer to a string (as a rune) or a float to an integer type, then refuses the pair.
  if ((from === 'int64' && to === 'string') || (from === 'float64' && /^int/.test(to))) return `cannot convert ${from} to ${to}`;
  return `unrecognized type: ${to}`;
}

/** Checks value against s in place, replacing nulls with what Go would decode them to. */
function check(ctx: Ctx, value: unknown, s: Schema, owner: string, path: string): void {
  const r = resolve(s);
  if (s.ref?.endsWith('IntOrString')) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31)) return;
    return fail(ctx, value, owner, path, s);
  }
  const owned = s.ref ? shortName(s.ref) : owner;
  switch (r.type) {
    case 'string':
      if (typeof value === 'string') return r.format === 'byte' ? checkBase64(ctx, value) : undefined;
      if (s.ref === QUANTITY && typeof value === 'number' && Number.isFinite(value)) return;
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
        else check(ctx, value[i], r.items, owned, path);
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
        check(ctx, o[k], child, owned, childPath);
        if (child.ref === TIME) o[k] = asStoredTime(o[k]);
      }
    }
  }
}

/**
 * Throws a 400 when obj cannot be decoded as apiVersion/kind; replaces null fields with their Go
 * zero value (absent, "", 0, …) so nothing downstream meets a null the schema does not allow, and
 * Time fields with their whole-second form.
 */
export function checkTypes(apiVersion: string, kind: string, obj: Record<string, unknown>, only?: readonly string[]): void {
  const def = definitionOf(apiVersion, kind);
  if (!def) return;
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1]! : apiVersion;
  const view = only ? pick(obj, only) : obj;
  try {
    check({ kind, version }, view, { ref: def }, kind, '');
  } catch (e) {
    if (e instanceof Mismatch) throw new ApiError('BadRequest', decodeMessage({ kind, version }, e));
    throw e;
  }
  if (only) putBack(obj, view, only);
}

/**
 * The top-level fields `only` of obj, as an object of its own: a patched object is checked where the
 * patch reached, since the rest is the stored object's, checked when it was written.
 */
function pick(obj: Record<string, unknown>, only: readonly string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const k of only) if (k in obj) view[k] = obj[k];
  return view;
}

/** The checked fields back into obj: the check drops a null field and writes a Time in its stored form. */
function putBack(obj: Record<string, unknown>, view: Record<string, unknown>, only: readonly string[]): void {
  for (const k of only) {
    if (k in view) obj[k] = view[k];
    else delete obj[k];
  }
}

/**
 * The same check on the result of a strategic merge patch, which kube-apiserver turns back into the typed
 * object from a map: a wrong type is a 422 on the field "patch", quoting the patch as Go prints it.
 */
export function checkPatchedTypes(apiVersion: string, kind: string, obj: Record<string, unknown>, patch: unknown, only?: readonly string[]): void {
  try {
    checkTypes(apiVersion, kind, obj, only);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'BadRequest') throw e;
    const def = definitionOf(apiVersion, kind)!;
    let detail = e.message;
    try {
      check({ kind, version: '' }, structuredClone(only ? pick(obj, only) : obj), { ref: def }, kind, '');
    } catch (m) {
      if (m instanceof Mismatch) detail = unstructuredMessage(m);
    }
    throw invalid('', '', [{ reason: 'FieldValueInvalid', field: 'patch', message: `Invalid value: ${JSON.stringify(goFormat(patch))}: ${detail}` }]);
  }
}

/** The Go package a group's internal types live in (core for the legacy group, else the group's first word). */
const internalPackage = (group: string) => (group === '' ? 'core' : group.split('.')[0]!);

/**
 * A body of another kind than the URL's cannot be converted into it: kube-apiserver's decode error, before
 * any field of it is looked at (`Pod in version "v1" cannot be handled as a Namespace: …`).
 */
export function checkKindOf(r: ResourceInfo, body: Record<string, unknown>): void {
  const kind = body.kind;
  if (typeof kind !== 'string' || kind === '' || kind === r.kind) return;
  const apiVersion = typeof body.apiVersion === 'string' && body.apiVersion ? body.apiVersion : apiVersionOf(r);
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1]! : apiVersion;
  const known = findKind(apiVersion, kind);
  const why = known
    ? `converting (${version}.${kind}) to (${internalPackage(r.group)}.${r.kind}): unknown conversion`
    : `no kind "${kind}" is registered for version "${apiVersion}" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`;
  throw new ApiError('BadRequest', `${kind} in version "${version}" cannot be handled as a ${r.kind}: ${why}`);
}
