// x-kubernetes-validations: the CEL rules of a CRD schema, compiled when the CRD is written and run on
// every write of a custom resource, each at the node that declares it with `self` (and on update
// `oldSelf`, the same node of the stored object, for transition rules).
import { invalidValue } from '../validation/field.js';
import { compile, CompileError, isCelError } from '../cel/compile.js';
import { toCel } from '../cel/values.js';
const compiled = new WeakMap();
function compileNode(s, path, out) {
    const rules = s['x-kubernetes-validations'];
    if (rules?.length) {
        const declarations = { self: s, oldSelf: s };
        const list = [];
        rules.forEach((rule, i) => {
            const at = path.child('x-kubernetes-validations').index(i);
            const program = compiledOrCause(rule.rule, declarations, at.child('rule'), 'compilation failed', out);
            const message = rule.messageExpression ? compiledOrCause(rule.messageExpression, declarations, at.child('messageExpression'), 'messageExpression compilation failed', out) : undefined;
            if (program)
                list.push({ rule, program, message });
        });
        compiled.set(s, list);
    }
    for (const [k, p] of Object.entries(s.properties ?? {}))
        compileNode(p, path.child('properties').key(k), out);
    if (typeof s.additionalProperties === 'object')
        compileNode(s.additionalProperties, path.child('additionalProperties'), out);
    if (s.items)
        compileNode(s.items, path.child('items'), out);
}
function compiledOrCause(expr, declarations, at, what, out) {
    try {
        return compile(expr, declarations);
    }
    catch (e) {
        if (!(e instanceof CompileError))
            throw e;
        out.push(invalidValue(at, expr, `${what}: ${e.message}`));
        return undefined;
    }
}
/** Compiles every rule of schema (kept for validateRules); the causes of those that do not compile. */
export function compileRules(schema, path) {
    const out = [];
    compileNode(schema, path, out);
    return out;
}
const typeName = (s) => s.type ?? (s['x-kubernetes-int-or-string'] ? 'integer' : 'object');
function messageOf(r, self, oldSelf) {
    if (r.message) {
        const m = r.message.run({ self: self, oldSelf: oldSelf });
        if (typeof m === 'string' && m.trim())
            return m;
    }
    return r.rule.message ?? `failed rule: ${r.rule.rule.trim()}`;
}
function failure(r, path, s, message) {
    const rel = r.rule.fieldPath?.replace(/^\./, '');
    const field = rel ? (path ? `${path}.${rel}` : rel) : path;
    switch (r.rule.reason) {
        case 'FieldValueForbidden':
            return { reason: 'FieldValueForbidden', field, message: `Forbidden: ${message}` };
        case 'FieldValueRequired':
            return { reason: 'FieldValueRequired', field, message: `Required value: ${message}` };
        case 'FieldValueDuplicate':
            return { reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${JSON.stringify(message)}` };
        default:
            return { reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(typeName(s))}: ${message}` };
    }
}
function run(value, old, s, path, out) {
    const rules = compiled.get(s);
    if (rules?.length) {
        const self = toCel(value, s);
        const oldSelf = old === undefined ? undefined : toCel(old, s);
        for (const r of rules) {
            if (r.program.uses('oldSelf') && old === undefined && !r.rule.optionalOldSelf)
                continue;
            const result = r.program.run({ self, oldSelf: (oldSelf ?? null) });
            if (isCelError(result))
                out.push(failure(r, path, s, `${result.message} evaluating rule: ${r.rule.rule}`));
            else if (result !== true)
                out.push(failure(r, path, s, messageOf(r, self, oldSelf ?? null)));
        }
    }
    if (value === null || typeof value !== 'object')
        return;
    if (Array.isArray(value)) {
        if (!s.items)
            return;
        const keys = s['x-kubernetes-list-type'] === 'map' ? s['x-kubernetes-list-map-keys'] ?? [] : undefined;
        const identity = (o) => JSON.stringify(keys.map((k) => o?.[k]));
        const olds = keys && Array.isArray(old) ? new Map(old.map((o) => [identity(o), o])) : undefined;
        value.forEach((v, i) => run(v, olds?.get(identity(v)), s.items, `${path}[${i}]`, out));
        return;
    }
    const o = value;
    const prev = old && typeof old === 'object' && !Array.isArray(old) ? old : undefined;
    for (const [k, p] of Object.entries(s.properties ?? {}))
        if (o[k] !== undefined)
            run(o[k], prev?.[k], p, path ? `${path}.${k}` : k, out);
    if (typeof s.additionalProperties === 'object') {
        for (const k of Object.keys(o))
            if (!s.properties?.[k])
                run(o[k], prev?.[k], s.additionalProperties, `${path}[${k}]`, out);
    }
}
/** The causes of every rule value breaks (old: the stored object, on update). */
export function validateRules(value, old, schema) {
    const out = [];
    run(value, old, schema, '', out);
    return out;
}
//# sourceMappingURL=rules.js.map