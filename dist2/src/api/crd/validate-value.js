// A custom resource checked against its CRD's structural schema, each failure worded as the
// apiextensions-apiserver words it (go-openapi's "<path> in body …" texts inside field errors), with the
// path as go-openapi names it: `spec.items.0.name`.
import { FieldPath, duplicateValue, formatBadValue, invalidValue, requiredValue, tooLong, unsupportedValue } from '../validation/field.js';
import { checkFormat } from './formats.js';
/** The JSON type of a value as go-openapi names it in its messages. */
export function jsonTypeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'array';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'integer' : 'number';
    return typeof v === 'boolean' ? 'boolean' : typeof v === 'string' ? 'string' : 'object';
}
const fieldCause = (reason, field, message) => ({ reason, field, message });
const at = (path) => FieldPath.root(path);
const child = (path, key) => (path ? `${path}.${key}` : key);
function typeMatches(v, s) {
    if (s['x-kubernetes-int-or-string'])
        return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    switch (s.type) {
        case undefined:
            return true;
        case 'object':
            return typeof v === 'object' && v !== null && !Array.isArray(v);
        case 'array':
            return Array.isArray(v);
        case 'integer':
            return typeof v === 'number' && Number.isInteger(v);
        case 'number':
            return typeof v === 'number';
        case 'boolean':
            return typeof v === 'boolean';
        case 'string':
            return typeof v === 'string';
    }
}
/** Go's %v of a number in these messages: 10 not 10.0. */
const num = (n) => String(n);
function scalarChecks(v, s, path, out) {
    const name = path || '.';
    if (typeof v === 'number') {
        if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
            out.push(invalidValue(at(path), v, `${name} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${num(s.minimum)}`));
        }
        if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
            out.push(invalidValue(at(path), v, `${name} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${num(s.maximum)}`));
        }
        if (s.multipleOf !== undefined && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf)) {
            out.push(invalidValue(at(path), v, `${name} in body should be a multiple of ${num(s.multipleOf)}`));
        }
        if (s.format === 'int32' && (v > 2 ** 31 - 1 || v < -(2 ** 31)))
            out.push(invalidValue(at(path), v, `${name} in body must be of type int32: ${JSON.stringify(String(v))}`));
    }
    if (typeof v === 'string') {
        const length = [...v].length;
        if (s.maxLength !== undefined && length > s.maxLength)
            out.push(tooLong(at(path), s.maxLength));
        if (s.minLength !== undefined && length < s.minLength)
            out.push(invalidValue(at(path), v, `${name} in body should be at least ${s.minLength} chars long`));
        if (s.pattern !== undefined && !safeRegExp(s.pattern)?.test(v))
            out.push(invalidValue(at(path), v, `${name} in body should match '${s.pattern}'`));
        if (s.format && !s['x-kubernetes-int-or-string'] && !checkFormat(s.format, v))
            out.push(invalidValue(at(path), v, `${name} in body must be of type ${s.format}: ${JSON.stringify(v)}`));
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
        out.push(unsupportedValue(at(path), v, s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
    }
}
const regexps = new Map();
/** ECMAScript's reading of the (RE2) pattern; one that does not compile matches nothing. */
export function safeRegExp(pattern) {
    let re = regexps.get(pattern);
    if (re === undefined) {
        try {
            re = new RegExp(pattern, 'u');
        }
        catch {
            re = null;
        }
        regexps.set(pattern, re);
    }
    return re;
}
/** A map-list item's keys as Go's %#v prints a map[string]interface{}. */
function goMapString(keys) {
    return `map[string]interface {}{${Object.entries(keys).map(([k, v]) => `${JSON.stringify(k)}:${formatBadValue(v)}`).join(', ')}}`;
}
/** Duplicates in an x-kubernetes-list-type set or map list, as apiextensions reports them. */
function listTypeChecks(list, s, path, out) {
    const type = s['x-kubernetes-list-type'];
    if (type !== 'set' && type !== 'map')
        return;
    const keys = s['x-kubernetes-list-map-keys'] ?? [];
    const seen = new Set();
    list.forEach((item, i) => {
        const identity = type === 'set' ? item : Object.fromEntries(keys.map((k) => [k, item?.[k]]));
        const key = JSON.stringify(identity);
        const field = FieldPath.root(path).index(i);
        if (seen.has(key))
            out.push(type === 'set' ? duplicateValue(field, item) : fieldCause('FieldValueDuplicate', field.toString(), `Duplicate value: ${goMapString(identity)}`));
        seen.add(key);
    });
}
function walk(v, s, path, out) {
    if (v === null) {
        if (!s.nullable && (s.type || s['x-kubernetes-int-or-string'])) {
            out.push(invalidValue(at(path), 'null', `${path || '.'} in body must be of type ${s.type ?? 'integer,string'}: "null"`));
        }
        return;
    }
    if (!typeMatches(v, s)) {
        const type = s['x-kubernetes-int-or-string'] ? 'integer,string' : s.type;
        out.push(fieldCause('FieldValueTypeInvalid', path, `Invalid value: ${JSON.stringify(jsonTypeName(v))}: ${path || '.'} in body must be of type ${type}: ${JSON.stringify(jsonTypeName(v))}`));
        return;
    }
    scalarChecks(v, s, path, out);
    if (Array.isArray(v)) {
        if (s.maxItems !== undefined && v.length > s.maxItems)
            out.push(fieldCause('FieldValueTooMany', path, `Too many: ${v.length}: must have at most ${s.maxItems} items`));
        if (s.minItems !== undefined && v.length < s.minItems)
            out.push(invalidValue(at(path), v.length, `${path} in body should have at least ${s.minItems} items`));
        listTypeChecks(v, s, path, out);
        if (s.items)
            v.forEach((item, i) => walk(item, s.items, `${path}.${i}`, out));
        return;
    }
    if (typeof v !== 'object')
        return;
    const o = v;
    const count = Object.keys(o).length;
    if (s.maxProperties !== undefined && count > s.maxProperties)
        out.push(fieldCause('FieldValueTooMany', path, `Too many: ${count}: must have at most ${s.maxProperties} items`));
    if (s.minProperties !== undefined && count < s.minProperties)
        out.push(invalidValue(at(path), count, `${path} in body should have at least ${s.minProperties} properties`));
    for (const r of s.required ?? [])
        if (!(r in o))
            out.push(requiredValue(at(child(path, r))));
    // An embedded object is a Kubernetes object of its own: it names its apiVersion and kind.
    if (s['x-kubernetes-embedded-resource']) {
        for (const f of ['apiVersion', 'kind'])
            if (typeof o[f] !== 'string' || !o[f])
                out.push(requiredValue(at(child(path, f)), 'must not be empty'));
    }
    for (const [k, val] of Object.entries(o)) {
        const p = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
        if (p)
            walk(val, p, child(path, k), out);
    }
}
/**
 * The causes for value under schema. At the root (path '') apiVersion, kind and metadata are the
 * server's to check, as upstream validates only the rest against the schema.
 */
export function validateValue(value, schema, path = '') {
    const out = [];
    if (path === '' && value && typeof value === 'object' && !Array.isArray(value)) {
        const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = value;
        const props = { ...schema.properties };
        delete props.metadata;
        walk(rest, { ...schema, properties: props, required: schema.required?.filter((r) => r !== 'metadata' && r !== 'apiVersion' && r !== 'kind') }, '', out);
    }
    else {
        walk(value, schema, path, out);
    }
    return out;
}
//# sourceMappingURL=validate-value.js.map