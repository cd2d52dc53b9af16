// The CEL programs of a ValidatingAdmissionPolicy, compiled once per stored revision: its validations
// (and their messageExpressions), matchConditions, variables and audit annotations, against the variables upstream
// declares for admission (object, oldObject, request, params, namespaceObject, variables, authorizer).

import type { Cause } from '../errors.js';
import type { ValidatingAdmissionPolicy } from '../types.js';
import { FieldPath, invalidValue } from '../validation/field.js';
import { compile, CompileError, type Declarations, type Program } from './compile.js';

const DECLARATIONS: Declarations = { object: undefined, oldObject: undefined, request: undefined, params: undefined, namespaceObject: undefined, variables: undefined, authorizer: undefined };

export interface PolicyPrograms {
  validations: { expression: string; program: Program; messageExpression?: Program; message?: string; reason?: string }[];
  matchConditions: { name: string; program: Program }[];
  variables: { name: string; program: Program }[];
  auditAnnotations: { key: string; program: Program }[];
}

const cache = new WeakMap<ValidatingAdmissionPolicy, { programs: PolicyPrograms; causes: Cause[] }>();

function compiled(expr: string, at: FieldPath, causes: Cause[]): Program | undefined {
  try {
    return compile(expr, DECLARATIONS);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    causes.push(invalidValue(at, expr, `compilation failed: ${e.message}`));
    return undefined;
  }
}

/** The policy's programs and the causes of the expressions that do not compile (kept per object). */
export function policyPrograms(p: ValidatingAdmissionPolicy): { programs: PolicyPrograms; causes: Cause[] } {
  const hit = cache.get(p);
  if (hit) return hit;
  const spec = FieldPath.root('spec');
  const causes: Cause[] = [];
  const programs: PolicyPrograms = { validations: [], matchConditions: [], variables: [], auditAnnotations: [] };
  (p.spec?.validations ?? []).forEach((v, i) => {
    const at = spec.child('validations').index(i);
    const program = typeof v.expression === 'string' ? compiled(v.expression, at.child('expression'), causes) : undefined;
    const messageExpression = v.messageExpression ? compiled(v.messageExpression, at.child('messageExpression'), causes) : undefined;
    if (program) programs.validations.push({ expression: v.expression, program, messageExpression, message: v.message, reason: v.reason });
  });
  (p.spec?.matchConditions ?? []).forEach((c, i) => {
    const program = typeof c.expression === 'string' ? compiled(c.expression, spec.child('matchConditions').index(i).child('expression'), causes) : undefined;
    if (program) programs.matchConditions.push({ name: c.name, program });
  });
  (p.spec?.variables ?? []).forEach((v, i) => {
    const program = typeof v.expression === 'string' ? compiled(v.expression, spec.child('variables').index(i).child('expression'), causes) : undefined;
    if (program) programs.variables.push({ name: v.name, program });
  });
  (p.spec?.auditAnnotations ?? []).forEach((a, i) => {
    const program = typeof a.valueExpression === 'string' ? compiled(a.valueExpression, spec.child('auditAnnotations').index(i).child('valueExpression'), causes) : undefined;
    if (program) programs.auditAnnotations.push({ key: a.key, program });
  });
  const out = { programs, causes };
  cache.set(p, out);
  return out;
}
