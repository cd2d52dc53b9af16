// JSON patch (RFC 6902), worded like the library the API server uses: a malformed patch is a 400, an
// operation that does not apply to the document is a 422 carrying the library's message. Its limits
// are kube-apiserver's: at most 10,000 operations, and copies that add at most 3 MiB in all, checked as
// each copy is made so that a small patch cannot grow the object without bound.
import { ApiError } from '../errors.js';
/** Operations one patch may carry (kube-apiserver's maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;
/** Bytes that copy operations may add to the document in all (kube-apiserver's JSONPatchMaxCopyBytes). */
export const MAX_JSON_PATCH_COPY_BYTES = 3 * 1024 * 1024;
const badRequest = (m) => new ApiError('BadRequest', m);
const doesNotApply = (m) => new ApiError('Invalid', m);
/** `/a/b~1c` → ['a', 'b/c'] (RFC 6901). */
function pointer(path) {
    if (path === '')
        return [];
    if (!path.startsWith('/'))
        throw doesNotApply(`invalid JSON pointer: "${path}"`);
    return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function isContainer(v) {
    return typeof v === 'object' && v !== null;
}
/** The container holding the last token of `path`, and that token. */
function parentOf(doc, path, op) {
    const tokens = pointer(path);
    const last = tokens.pop();
    let cur = doc;
    for (const t of tokens) {
        cur = isContainer(cur) ? (Array.isArray(cur) ? cur[Number(t)] : cur[t]) : undefined;
    }
    if (last === undefined || !isContainer(cur))
        throw doesNotApply(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    return [cur, last];
}
function arrayIndex(arr, token, path, allowEnd) {
    if (allowEnd && token === '-')
        return arr.length;
    if (!/^(0|[1-9]\d*)$/.test(token))
        throw doesNotApply(`Unable to access invalid index: ${token}: invalid index referenced`);
    const i = Number(token);
    if (i > arr.length || (!allowEnd && i === arr.length))
        throw doesNotApply(`Unable to access invalid index: ${i}: invalid index referenced (path ${path})`);
    return i;
}
function get(doc, path, op) {
    if (path === '')
        return doc;
    const [c, k] = parentOf(doc, path, op);
    const v = Array.isArray(c) ? c[arrayIndex(c, k, path, false)] : c[k];
    if (v === undefined)
        throw doesNotApply(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
    return v;
}
function add(doc, path, value) {
    if (path === '')
        return value;
    const [c, k] = parentOf(doc, path, 'add');
    if (Array.isArray(c))
        c.splice(arrayIndex(c, k, path, true), 0, value);
    else
        c[k] = value;
    return doc;
}
function remove(doc, path, op = 'remove') {
    const [c, k] = parentOf(doc, path, op);
    if (Array.isArray(c))
        c.splice(arrayIndex(c, k, path, false), 1);
    else {
        if (!(k in c))
            throw doesNotApply(`Unable to remove nonexistent key: ${k}: missing value`);
        delete c[k];
    }
    return doc;
}
/** Applies RFC 6902 operations to a copy of `target`. */
export function jsonPatch(target, ops) {
    return jsonPatchInPlace(structuredClone(target), ops);
}
/**
 * Applies RFC 6902 operations to `doc` itself, which the caller gives away (a fresh decode of the stored
 * object): a status patch of a Pod need not copy the whole Pod first. A failed patch leaves doc half done.
 */
export function jsonPatchInPlace(doc, ops) {
    if (!Array.isArray(ops))
        throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
        throw new ApiError('RequestEntityTooLarge', `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`);
    }
    let copied = 0;
    for (const raw of ops) {
        if (!isContainer(raw) || typeof raw.op !== 'string')
            throw badRequest('Unexpected kind: unknown');
        const { op, path } = raw;
        if (typeof path !== 'string')
            throw doesNotApply(`${op} operation does not apply: doc is missing path: "": missing value`);
        switch (op) {
            case 'add':
                doc = add(doc, path, structuredClone(raw.value));
                break;
            case 'remove':
                doc = remove(doc, path);
                break;
            case 'replace':
                get(doc, path, 'replace');
                doc = path === '' ? structuredClone(raw.value) : add(remove(doc, path, 'replace'), path, structuredClone(raw.value));
                break;
            case 'move': {
                const v = get(doc, raw.from ?? '', 'move');
                doc = add(remove(doc, raw.from ?? '', 'move'), path, v);
                break;
            }
            case 'copy': {
                const v = get(doc, raw.from ?? '', 'copy');
                // Measured before the copy is made: the limit stops the growth, not just its result.
                copied += Buffer.byteLength(JSON.stringify(v));
                if (copied > MAX_JSON_PATCH_COPY_BYTES) {
                    throw doesNotApply(`Unable to complete the copy, the accumulated size increase of copy is ${copied}, exceeding the limit ${MAX_JSON_PATCH_COPY_BYTES}`);
                }
                doc = add(doc, path, structuredClone(v));
                break;
            }
            case 'test':
                if (!deepEqual(get(doc, path, 'test'), raw.value))
                    throw doesNotApply(`testing value ${path} failed: test failed`);
                break;
            default:
                throw badRequest(`Unexpected kind: ${op}`);
        }
    }
    return doc;
}
export function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length)
        return false;
    return ka.every((k) => deepEqual(a[k], b[k]));
}
//# sourceMappingURL=json-patch.js.map