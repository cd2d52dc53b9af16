// RoleBindings or ClusterRoleBindings indexed by subject, kept from the API server's watch cache (as
// upstream's RBAC authorizer reads its informers): a request looks up the bindings of its user and
// groups in its namespace and the cluster scope, never a list. A ServiceAccount subject is indexed
// under its user name (system:serviceaccount:<ns>:<name>), its namespace defaulting to the binding's.
const userKey = (name) => `u\0${name}`;
const groupKey = (name) => `g\0${name}`;
/** The index keys a binding's subjects give it (namespace '' for cluster bindings). */
function keysOf(b) {
    const ns = b.metadata.namespace ?? '';
    const keys = new Set();
    for (const s of Array.isArray(b.subjects) ? b.subjects : []) {
        if (!s || typeof s.name !== 'string')
            continue;
        if (s.kind === 'User')
            keys.add(`${ns}\0${userKey(s.name)}`);
        else if (s.kind === 'Group')
            keys.add(`${ns}\0${groupKey(s.name)}`);
        else if (s.kind === 'ServiceAccount' && (s.namespace || ns))
            keys.add(`${ns}\0${userKey(`system:serviceaccount:${s.namespace || ns}:${s.name}`)}`);
    }
    return [...keys];
}
export class SubjectBindings {
    /** `<namespace>\0<subject key>` → binding cache key → binding. */
    #bySubject = new Map();
    #keys = new Map();
    reset(entries) {
        this.#bySubject.clear();
        this.#keys.clear();
        for (const e of entries)
            this.#set(e.key, e.obj);
    }
    apply(ev) {
        this.#remove(ev.entry.key);
        if (ev.type !== 'DELETED')
            this.#set(ev.entry.key, ev.entry.obj);
    }
    /** Every binding in namespace ('' for cluster bindings) naming the user or one of its groups, each once. */
    *bindingsFor(user, namespace) {
        const seen = new Set();
        for (const k of [userKey(user.name), ...user.groups.map(groupKey)]) {
            const found = this.#bySubject.get(`${namespace}\0${k}`);
            if (!found)
                continue;
            for (const b of found.values()) {
                if (seen.has(b))
                    continue;
                seen.add(b);
                yield b;
            }
        }
    }
    #set(key, b) {
        const keys = keysOf(b);
        this.#keys.set(key, keys);
        for (const k of keys) {
            let m = this.#bySubject.get(k);
            if (!m)
                this.#bySubject.set(k, (m = new Map()));
            m.set(key, b);
        }
    }
    #remove(key) {
        for (const k of this.#keys.get(key) ?? []) {
            const m = this.#bySubject.get(k);
            m?.delete(key);
            if (m?.size === 0)
                this.#bySubject.delete(k);
        }
        this.#keys.delete(key);
    }
}
//# sourceMappingURL=rbac-bindings.js.map