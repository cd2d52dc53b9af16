// Resources that are only ever authorized, never served: what impersonation (users, groups, uids,
// userextras, service accounts) and CSR approval and signing (signers) are checked against.
const made = new Map();
/** The ResourceInfo an authorization check names for group/plural; one object per resource. */
export function authorizationResource(group, plural, namespaced = false) {
    const key = `${group}/${plural}`;
    let r = made.get(key);
    if (!r) {
        r = { group, version: 'v1', kind: '', listKind: '', plural, singular: '', namespaced, shortNames: [], categories: [], verbs: [], subresources: [] };
        made.set(key, r);
    }
    return r;
}
//# sourceMappingURL=virtual-resources.js.map