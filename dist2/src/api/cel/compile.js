// Compiling a CEL expression once, when the object holding it is written: a parse error, an unknown
// function or variable, or a field the schema of `self` does not have is a compile error, worded as
// cel-go words it, so the CRD (or policy) naming it is refused instead of failing every request later.
import { isCelError, parse, plan } from '@bufbuild/cel';
import { environment } from './env.js';
export class CompileError extends Error {
}
/** Whether the schema lists every field an object may have (so any other name is an error). */
function closed(s) {
    return !!s && s.type === 'object' && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields'] && !s['x-kubernetes-embedded-resource'];
}
function fieldSchema(s, field) {
    if (!s)
        return undefined;
    return s.properties?.[field] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
}
class Checker {
    positions;
    known;
    used = new Set();
    constructor(positions, known) {
        this.positions = positions;
        this.known = known;
    }
    fail(e, message) {
        const col = (this.positions[String(e.id)] ?? 0) + 1;
        throw new CompileError(`ERROR: <input>:1:${col}: ${message}`);
    }
    /** Walks e with the variables in scope; returns the schema of its value when known. */
    visit(e, scope) {
        const k = e.exprKind;
        switch (k.case) {
            case 'identExpr': {
                if (!(k.value.name in scope))
                    this.fail(e, `undeclared reference to '${k.value.name}' (in container '')`);
                this.used.add(k.value.name);
                return scope[k.value.name];
            }
            case 'selectExpr': {
                const s = this.visit(k.value.operand, scope);
                if (closed(s) && !(k.value.field in (s.properties ?? {})))
                    this.fail(e, `undefined field '${k.value.field}'`);
                return fieldSchema(s, k.value.field);
            }
            case 'callExpr': {
                const fn = k.value.function;
                if (/^[A-Za-z]/.test(fn) && !this.known(fn))
                    this.fail(e, `undeclared reference to '${fn}' (in container '')`);
                if (k.value.target)
                    this.visit(k.value.target, scope);
                const args = k.value.args.map((a) => this.visit(a, scope));
                // Indexing a list or map keeps the element's schema.
                const s = fn === '_[_]' ? args[0] : undefined;
                return s?.type === 'array' ? s.items : typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined;
            }
            case 'listExpr':
                for (const el of k.value.elements)
                    this.visit(el, scope);
                return undefined;
            case 'structExpr':
                for (const en of k.value.entries) {
                    if (en.keyKind.case === 'mapKey')
                        this.visit(en.keyKind.value, scope);
                    if (en.value)
                        this.visit(en.value, scope);
                }
                return undefined;
            case 'comprehensionExpr': {
                const c = k.value;
                const range = this.visit(c.iterRange, scope);
                const element = range?.type === 'array' ? range.items : undefined;
                this.visit(c.accuInit, scope);
                const inner = { ...scope, [c.iterVar]: element, [c.accuVar]: undefined };
                if (c.iterVar2)
                    inner[c.iterVar2] = undefined;
                this.visit(c.loopCondition, inner);
                this.visit(c.loopStep, inner);
                return this.visit(c.result, { ...scope, [c.accuVar]: undefined });
            }
            default:
                return undefined;
        }
    }
}
/** Compiles expr against the one environment with these variables; throws CompileError. */
export function compile(expr, declarations) {
    const env = environment(Object.keys(declarations));
    let parsed;
    try {
        parsed = parse(expr);
    }
    catch (e) {
        throw new CompileError(`ERROR: ${e.message.split('\n')[0]}`);
    }
    const positions = {};
    for (const [id, pos] of Object.entries(parsed.sourceInfo?.positions ?? {}))
        positions[id] = pos;
    const checker = new Checker(positions, (fn) => env.funcs.find(fn) !== undefined);
    checker.visit(parsed.expr, declarations);
    const evaluate = plan(env, parsed);
    return {
        run: (bindings) => {
            try {
                return evaluate(bindings);
            }
            catch (e) {
                // The library's functions report bad input (an invalid quantity) by throwing.
                return e;
            }
        },
        uses: (v) => checker.used.has(v),
    };
}
export { isCelError };
//# sourceMappingURL=compile.js.map