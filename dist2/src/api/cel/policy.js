// The CEL programs of a ValidatingAdmissionPolicy, compiled once per stored revision: its validations
// (and their messageExpressions), matchConditions, variables and audit annotations, against the variables upstream
// declares for admission (object, oldObject, request, params, namespaceObject, variables, authorizer).
import { FieldPath, invalidValue } from '../validation/field.js';
import { compile, CompileError } from './compile.js';
const DECLARATIONS = { object: undefined, oldObject: undefined, request: undefined, params: undefined, namespaceObject: undefined, variables: undefined, authorizer: undefined };
const cache = new WeakMap();
function compiled(expr, at, causes) {
    try {
        return compile(expr, DECLARATIONS);
    }
    catch (e) {
        if (!(e instanceof CompileError))
            throw e;
        causes.push(invalidValue(at, expr, `compilation failed: ${e.message}`));
        return undefined;
    }
}
/** The policy's programs and the causes of the expressions that do not compile (kept per object). */
export function policyPrograms(p) {
    const hit = cache.get(p);
    if (hit)
        return hit;
    const spec = FieldPath.root('spec');
    const causes = [];
    const programs = { validations: [], matchConditions: [], variables: [], auditAnnotations: [] };
    (p.spec?.validations ?? []).forEach((v, i) => {
        const at = spec.child('validations').index(i);
        const program = typeof v.expression === 'string' ? compiled(v.expression, at.child('expression'), causes) : undefined;
        const messageExpression = v.messageExpression ? compiled(v.messageExpression, at.child('messageExpression'), causes) : undefined;
        if (program)
            programs.validations.push({ expression: v.expression, program, messageExpression, message: v.message, reason: v.reason });
    });
    (p.spec?.matchConditions ?? []).forEach((c, i) => {
        const program = typeof c.expression === 'string' ? compiled(c.expression, spec.child('matchConditions').index(i).child('expression'), causes) : undefined;
        if (program)
            programs.matchConditions.push({ name: c.name, program });
    });
    (p.spec?.variables ?? []).forEach((v, i) => {
        const program = typeof v.expression === 'string' ? compiled(v.expression, spec.child('variables').index(i).child('expression'), causes) : undefined;
        if (program)
            programs.variables.push({ name: v.name, program });
    });
    (p.spec?.auditAnnotations ?? []).forEach((a, i) => {
        const program = typeof a.valueExpression === 'string' ? compiled(a.valueExpression, spec.child('auditAnnotations').index(i).child('valueExpression'), causes) : undefined;
        if (program)
            programs.auditAnnotations.push({ key: a.key, program });
    });
    const out = { programs, causes };
    cache.set(p, out);
    return out;
}
//# sourceMappingURL=policy.js.map