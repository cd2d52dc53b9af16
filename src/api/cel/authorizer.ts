// CEL's `authorizer` variable in admission policies (k8s.io/apiserver/pkg/cel/library/authz): checks
// built as `authorizer.group('apps').resource('deployments').namespace('ns').name('x').check('update')`,
// `authorizer.path('/healthz').check('get')`, `authorizer.serviceAccount('ns', 'sa')…` and
// `authorizer.requestResource.check('approve')`, each decision read with allowed(), reason(), errored()
// and error(). Values are CEL maps tagged with a key no JSON object has; the check itself is the
// request's, registered for the evaluation under the handle the maps carry.

import { celMethod, CelScalar, type CelFunc, type CelInput, type CelMap } from '@bufbuild/cel';

/** One authorization question: a resource (group, resource, …) or a non-resource path, for a user. */
export interface AuthzQuery {
  user?: { namespace: string; name: string };
  path?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export type AuthzCheck = (q: AuthzQuery, verb: string) => { allowed: boolean; reason: string };

const TAG = '@authz';
const DECISION = '@decision';
const checks = new Map<string, AuthzCheck>();
let next = 0;

function query(m: CelMap): { handle: string; q: AuthzQuery } {
  const raw = m.get(TAG);
  if (typeof raw !== 'string') throw new Error('no such overload');
  return JSON.parse(raw) as { handle: string; q: AuthzQuery };
}

function tagged(handle: string, q: AuthzQuery): CelInput {
  return new Map<string, CelInput>([[TAG, JSON.stringify({ handle, q })]]);
}

/** The `authorizer` value for one evaluation, and the function that forgets its check after it. */
export function authorizerFor(check: AuthzCheck, request: AuthzQuery): { value: CelInput; release(): void } {
  const handle = String(next++);
  checks.set(handle, check);
  const value = tagged(handle, {}) as Map<string, CelInput>;
  value.set('requestResource', tagged(handle, request));
  return { value, release: () => checks.delete(handle) };
}

const DYN = CelScalar.DYN;
const STRING = CelScalar.STRING;

function setter(field: keyof AuthzQuery): CelFunc {
  return celMethod(field, DYN, [STRING], DYN, function (v) {
    const { handle, q } = query(this as unknown as CelMap);
    return tagged(handle, { ...q, [field]: v }) as never;
  });
}

function decision(m: CelMap): { allowed: boolean; reason: string } {
  const raw = m.get(DECISION);
  if (typeof raw !== 'string') throw new Error('no such overload');
  return JSON.parse(raw) as { allowed: boolean; reason: string };
}

export const AUTHORIZER_LIBRARY: readonly CelFunc[] = [
  setter('path'),
  setter('group'),
  setter('resource'),
  setter('subresource'),
  setter('namespace'),
  setter('name'),
  celMethod('serviceAccount', DYN, [STRING, STRING], DYN, function (namespace, name) {
    const { handle, q } = query(this as unknown as CelMap);
    return tagged(handle, { ...q, user: { namespace, name } }) as never;
  }),
  celMethod('check', DYN, [STRING], DYN, function (verb) {
    const { handle, q } = query(this as unknown as CelMap);
    const check = checks.get(handle);
    if (!check) throw new Error('authorizer is not available');
    return new Map([[DECISION, JSON.stringify(check(q, verb))]]) as never;
  }),
  celMethod('allowed', DYN, [], CelScalar.BOOL, function () {
    return decision(this as unknown as CelMap).allowed;
  }),
  celMethod('reason', DYN, [], STRING, function () {
    return decision(this as unknown as CelMap).reason;
  }),
  // berth's authorizers answer without errors: a check never errs.
  celMethod('errored', DYN, [], CelScalar.BOOL, function () {
    decision(this as unknown as CelMap);
    return false;
  }),
  celMethod('error', DYN, [], STRING, function () {
    decision(this as unknown as CelMap);
    return '';
  }),
];
