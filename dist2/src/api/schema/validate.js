// Strict field validation: which fields of an object the schema does not know, and how the API server
// words that (fieldValidation=Strict → 400, Warn → one Warning header per field).
import { ApiError } from '../errors.js';
import { definitionOf, resolve } from './definitions.js';
import { RESOURCES } from './resources.js';
/**
 * Paths of the fields the schema of `kind` does not declare, as upstream prints them:
 * `spec.containers[0].foo`. The object's apiVersion picks between kinds of the same name.
 */
export function unknownFields(kind, obj) {
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : defaultVersionOf(kind);
    const def = apiVersion ? definitionOf(apiVersion, kind) : undefined;
    if (!def)
        return [];
    const out = [];
    walk(obj, { ref: def }, '', out);
    return out;
}
function defaultVersionOf(kind) {
    const r = RESOURCES.find((x) => x.kind === kind);
    return r && (r.group ? `${r.group}/${r.version}` : r.version);
}
function walk(value, schema, path, out) {
    if (value === null || typeof value !== 'object')
        return;
    const s = resolve(schema);
    if (Array.isArray(value)) {
        if (s.items)
            value.forEach((v, i) => walk(v, s.items, `${path}[${i}]`, out));
        return;
    }
    if (s.additionalProperties) {
        for (const [k, v] of Object.entries(value))
            walk(v, s.additionalProperties, join(path, k), out);
        return;
    }
    if (!s.properties)
        return; // free-form object (fieldsV1, raw extensions)
    for (const [k, v] of Object.entries(value)) {
        const field = s.properties[k];
        if (field)
            walk(v, field, join(path, k), out);
        else
            out.push(join(path, k));
    }
}
const join = (path, key) => (path ? `${path}.${key}` : key);
/** The 400 for fieldValidation=Strict: `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", …`. */
export function strictDecodingError(kind, version, paths) {
    const list = paths.map((p) => `unknown field "${p}"`).join(', ');
    return new ApiError('BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${list}`);
}
/** The Warning header texts for fieldValidation=Warn (sent as `299 - "<text>"`). */
export function unknownFieldWarnings(paths) {
    return paths.map((p) => `unknown field "${p}"`);
}
//# sourceMappingURL=validate.js.map