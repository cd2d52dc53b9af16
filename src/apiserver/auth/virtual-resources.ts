// Resources that are only ever authorized, never served: what impersonation (users, groups, uids,
// userextras, service accounts) and CSR approval and signing (signers) are checked against.

import type { ResourceInfo } from '../../api/schema/resources.js';

const made = new Map<string, ResourceInfo>();

/** The ResourceInfo an authorization check names for group/plural; one object per resource. */
export function authorizationResource(group: string, plural: string, namespaced = false): ResourceInfo {
  const key = `${group}/${plural}`;
  let r = made.get(key);
  if (!r) {
    r = { group, version: 'v1', kind: '', listKind: '', plural, singular: '', namespaced, shortNames: [], categories: [], verbs: [], subresources: [] };
    made.set(key, r);
  }
  return r;
}
