// The structural-schema rules a CRD's openAPIV3Schema must follow (apiextensions.k8s.io/v1 refuses
// any other): every node has a type unless x-kubernetes-int-or-string or
// x-kubernetes-preserve-unknown-fields says otherwise, properties and additionalProperties exclude each
// other, metadata may restrict only name and generateName, and the extensions are used where they mean
// something. Defaults are checked against the node they default.
import { forbidden, invalidValue, requiredValue } from '../validation/field.js';
import { safeRegExp, validateValue } from './validate-value.js';
const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
function node(s, path, w, where) {
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    const intOrString = s['x-kubernetes-int-or-string'] === true;
    if (s.type !== undefined && !TYPES.includes(s.type)) {
        w.out.push(invalidValue(path.child('type'), s.type, `must be one of ${TYPES.map((t) => JSON.stringify(t)).join(', ')}`));
    }
    if (!s.type && !intOrString && !preserve && !w.lenient) {
        w.out.push(requiredValue(path.child('type'), where === 'root' ? 'must not be empty at the root' : `must not be empty for specified ${where === 'item' ? 'array items' : 'object fields'}`));
    }
    if (where === 'root' && s.type && s.type !== 'object')
        w.out.push(invalidValue(path.child('type'), s.type, 'must be object at the root'));
    if (intOrString && s.type)
        w.out.push(invalidValue(path.child('type'), s.type, 'must be empty if x-kubernetes-int-or-string is true'));
    if (s.properties && s.additionalProperties !== undefined && s.additionalProperties !== false) {
        w.out.push(forbidden(path.child('additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    }
    if (s.additionalProperties === false)
        w.out.push(forbidden(path.child('additionalProperties'), 'must not be used with false'));
    if (s.$ref !== undefined)
        w.out.push(forbidden(path.child('$ref'), '$ref is not supported'));
    if (s.uniqueItems === true)
        w.out.push(forbidden(path.child('uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
    if (s.type === 'array' && !s.items)
        w.out.push(requiredValue(path.child('items'), 'must be specified'));
    if (s.type && s.type !== 'object' && (s.properties || typeof s.additionalProperties === 'object')) {
        w.out.push(forbidden(path.child('properties'), `must be empty for type ${JSON.stringify(s.type)}`));
    }
    if (s.pattern !== undefined && !safeRegExp(s.pattern))
        w.out.push(invalidValue(path.child('pattern'), s.pattern, 'must be a valid regular expression'));
    if (s['x-kubernetes-embedded-resource'] && s.type !== 'object')
        w.out.push(invalidValue(path.child('type'), s.type ?? '', 'must be object if x-kubernetes-embedded-resource is true'));
    listType(s, path, w.out);
    if (s.default !== undefined) {
        if (where === 'root')
            w.out.push(forbidden(path.child('default'), 'must not be set at the root'));
        else
            for (const c of validateValue(s.default, s, ''))
                w.out.push({ ...c, field: path.child('default').toString() + (c.field ? `.${c.field}` : '') });
    }
    const inner = { out: w.out, lenient: w.lenient || preserve || !!s['x-kubernetes-embedded-resource'] };
    for (const [k, p] of Object.entries(s.properties ?? {})) {
        if (where === 'root' && k === 'metadata')
            metadata(p, path.child('properties').key(k), w.out);
        else
            node(p, path.child('properties').key(k), inner, 'field');
    }
    if (typeof s.additionalProperties === 'object')
        node(s.additionalProperties, path.child('additionalProperties'), inner, 'field');
    if (s.items)
        node(s.items, path.child('items'), inner, 'item');
}
function listType(s, path, out) {
    const lt = s['x-kubernetes-list-type'];
    const keys = s['x-kubernetes-list-map-keys'];
    if (lt !== undefined && !['atomic', 'set', 'map'].includes(lt))
        out.push(invalidValue(path.child('x-kubernetes-list-type'), lt, 'must be one of "atomic", "set", "map"'));
    if (lt !== undefined && s.type !== 'array')
        out.push(invalidValue(path.child('type'), s.type ?? '', 'must be array if x-kubernetes-list-type is specified'));
    if (lt === 'map') {
        if (!keys?.length)
            out.push(requiredValue(path.child('x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
        if (s.items && s.items.type !== 'object')
            out.push(invalidValue(path.child('items').child('type'), s.items.type ?? '', 'must be object if parent array\'s x-kubernetes-list-type is map'));
        for (const k of keys ?? []) {
            const p = s.items?.properties?.[k];
            if (!p)
                out.push(invalidValue(path.child('x-kubernetes-list-map-keys'), keys, `entries must all be names of item properties`));
            else if (!s.items?.required?.includes(k) && p.default === undefined) {
                out.push(requiredValue(path.child('items').child('properties').key(k), 'all map keys must be required or have a default value'));
            }
        }
    }
    else if (keys !== undefined) {
        out.push(forbidden(path.child('x-kubernetes-list-map-keys'), 'must not be specified if x-kubernetes-list-type is not map'));
    }
    if (lt === 'set' && s.items && (s.items.type === 'object' || s.items.type === 'array') && s.items['x-kubernetes-map-type'] !== 'atomic') {
        out.push(invalidValue(path.child('items').child('type'), s.items.type, 'must be a scalar or an atomic map or list if x-kubernetes-list-type is set'));
    }
}
/** metadata at the root: type object, and at most name and generateName with string restrictions. */
function metadata(s, path, out) {
    const { type, properties, description: _description, ...rest } = s;
    const names = Object.keys(properties ?? {});
    const onlyStrings = Object.values(properties ?? {}).every((p) => p.type === 'string' && !p.properties && !p.items && p.default === undefined);
    if ((type && type !== 'object') || Object.keys(rest).length || names.some((n) => n !== 'name' && n !== 'generateName') || !onlyStrings) {
        out.push(forbidden(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
    }
}
/** The causes for a version's openAPIV3Schema, at path (`spec.versions[0].schema.openAPIV3Schema`). */
export function validateStructural(schema, path) {
    const w = { out: [], lenient: false };
    node(schema, path, w, 'root');
    return w.out;
}
//# sourceMappingURL=structural.js.map