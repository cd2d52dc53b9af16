// Impersonation, as kube-apiserver's filter does it: Impersonate-User (a user, or a service account
// when it reads system:serviceaccount:<ns>:<name>), Impersonate-Group, Impersonate-Uid and
// Impersonate-Extra-<key> headers; the caller must be allowed the `impersonate` verb on each thing it
// asks to be (users, groups, serviceaccounts in core; uids and userextras/<key> in
// authentication.k8s.io), and a refusal reads as upstream's. The impersonated user is then the
// request's user for everything after, with system:authenticated added as upstream adds it.

import { ApiError } from '../../api/errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../../api/validation/names.js';
import { authorize } from './authorize.js';
import type { UserInfo } from './identity.js';
import type { Authorizers } from './authorize.js';
import { authorizationResource } from './virtual-resources.js';

const EXTRA_PREFIX = 'impersonate-extra-';
const SA_PREFIX = 'system:serviceaccount:';
const AUTHN = 'authentication.k8s.io';

/** One thing the caller asks to act as, and the check it needs. */
interface Request {
  kind: 'User' | 'ServiceAccount' | 'Group' | 'UserExtra' | 'UID';
  name: string;
  namespace?: string;
  /** The extra key, for UserExtra. */
  key?: string;
}

/** The namespace and name of a service account's user name, when it is one. */
function serviceAccountOf(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const parts = user.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  if (isDNS1123Label(namespace).length || isDNS1123Subdomain(name).length) return undefined;
  return { namespace, name };
}

/** url.PathUnescape, or the key as it came when it does not unescape (upstream's unescapeExtraKey). */
function unescapeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** What the headers ask for, in upstream's order: user, groups, extras, uid. Headers come lower-cased, each with all its values. */
function requestsOf(headers: Record<string, string[] | undefined>): Request[] {
  const out: Request[] = [];
  const user = headers['impersonate-user']?.[0] ?? '';
  if (user) {
    const sa = serviceAccountOf(user);
    out.push(sa ? { kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace } : { kind: 'User', name: user });
  }
  for (const g of headers['impersonate-group'] ?? []) out.push({ kind: 'Group', name: g });
  for (const header of Object.keys(headers)) {
    if (!header.startsWith(EXTRA_PREFIX)) continue;
    const key = unescapeKey(header.slice(EXTRA_PREFIX.length));
    for (const v of headers[header] ?? []) out.push({ kind: 'UserExtra', name: v, key });
  }
  const uid = headers['impersonate-uid']?.[0] ?? '';
  if (uid) out.push({ kind: 'UID', name: uid });
  if (out.length && !user) {
    const asked = out.map((r) => `${r.kind} ${JSON.stringify(r.name)}`).join(', ');
    throw new ApiError('InternalError', `Internal error occurred: requested [${asked}] without impersonating a user`);
  }
  return out;
}

/** A request's headers: lower-cased, and each with all its values (built on first read, for every header). */
export interface ImpersonationHeaders {
  headers: Record<string, unknown>;
  headersDistinct: Record<string, string[] | undefined>;
}

/** Whether any header is an Impersonate-* one; almost no request has one, and so needs no headersDistinct. */
function asksToImpersonate(headers: Record<string, unknown>): boolean {
  for (const h in headers) if (h.startsWith('impersonate-')) return true;
  return false;
}

export interface Impersonation {
  /** Who the request acts as from here on. */
  user: UserInfo;
  /** Who really called: set only when the request impersonates. */
  impersonator?: UserInfo;
}

/**
 * The user a request acts as: the caller itself, or whom its Impersonate-* headers name once the
 * caller is allowed to be each of them. Throws Forbidden (or the InternalError upstream gives for
 * groups without a user).
 */
export function impersonate(caller: UserInfo, req: ImpersonationHeaders, authz: Authorizers): Impersonation {
  if (!asksToImpersonate(req.headers)) return { user: caller };
  const requests = requestsOf(req.headersDistinct);
  if (!requests.length) return { user: caller };
  let name = '';
  let uid: string | undefined;
  const groups: string[] = [];
  const extra: Record<string, string[]> = {};
  const groupsGiven = requests.some((r) => r.kind === 'Group');
  for (const r of requests) {
    switch (r.kind) {
      case 'ServiceAccount':
        authorize(caller, { verb: 'impersonate', resource: authorizationResource('', 'serviceaccounts', true), namespace: r.namespace!, name: r.name }, authz);
        name = `${SA_PREFIX}${r.namespace}:${r.name}`;
        // A service account's groups follow from its namespace, unless the caller named some.
        if (!groupsGiven) groups.push('system:serviceaccounts', `system:serviceaccounts:${r.namespace}`);
        break;
      case 'User':
        authorize(caller, { verb: 'impersonate', resource: authorizationResource('', 'users'), name: r.name }, authz);
        name = r.name;
        break;
      case 'Group':
        authorize(caller, { verb: 'impersonate', resource: authorizationResource('', 'groups'), name: r.name }, authz);
        groups.push(r.name);
        break;
      case 'UserExtra':
        authorize(caller, { verb: 'impersonate', resource: authorizationResource(AUTHN, 'userextras'), subresource: r.key!, name: r.name }, authz);
        (extra[r.key!] ??= []).push(r.name);
        break;
      case 'UID':
        authorize(caller, { verb: 'impersonate', resource: authorizationResource(AUTHN, 'uids'), name: r.name }, authz);
        uid = r.name;
        break;
    }
  }
  if (name === 'system:anonymous') {
    if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  } else if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) {
    groups.push('system:authenticated');
  }
  const user: UserInfo = { name, groups, ...(uid ? { uid } : {}), ...(Object.keys(extra).length ? { extra } : {}) };
  return { user, impersonator: caller };
}
