// List continue tokens, in kube-apiserver's format: base64url JSON {v, rv, start}, where start is
// the last key returned, relative to the list's key prefix, so that no token can reach outside it.
// A token is the client's to keep but not to make: anything that does not decode to one this
// server could have written is a 400.
import { ApiError } from '../../api/errors.js';
const VERSION = 'meta.k8s.io/v1';
/** The revision of a token handed out with an expired list: continue at the latest one. */
export const LATEST = -1;
function invalid(why) {
    return new ApiError('BadRequest', `invalid continue token: ${why}`);
}
export function encodeContinue(t, prefix) {
    return Buffer.from(JSON.stringify({ v: VERSION, rv: t.rv, start: t.after.slice(prefix.length) })).toString('base64url');
}
/** Decodes a token for a list under prefix whose store is now at revision current. */
export function decodeContinue(s, prefix, current) {
    let t;
    try {
        t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    }
    catch (e) {
        throw invalid(`continue key is not valid: ${e.message}`);
    }
    if (t === null || typeof t !== 'object')
        throw invalid('continue key is not valid');
    if (t.v !== VERSION)
        throw invalid(`continue key is not valid: server does not recognize this encoded version ${String(t.v)}`);
    // A revision this server handed out: whole, not 0 and not ahead of the store. A negative one asks
    // for the latest, as upstream reads it (its 410 hands out -1).
    if (typeof t.rv !== 'number' || !Number.isSafeInteger(t.rv) || t.rv === 0 || t.rv > current) {
        throw invalid(`continue key is not valid: incorrect encoded start resourceVersion (version ${VERSION})`);
    }
    if (typeof t.start !== 'string' || t.start === '')
        throw invalid(`continue key is not valid: encoded start key empty (version ${VERSION})`);
    // Keys are clean paths below the prefix: no empty, '.' or '..' segment may climb out of it.
    if (t.start.split('/').some((seg) => seg === '' || seg === '.' || seg === '..'))
        throw invalid(`continue key is not valid: ${t.start}`);
    return { rv: t.rv < 0 ? LATEST : t.rv, after: prefix + t.start };
}
/** kube-apiserver's answer when a continued page's snapshot is gone, with a token to go on anyway. */
export function expiredContinue(after, prefix) {
    return new ApiError('Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, ' +
        'or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an ' +
        'inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.', undefined, { continue: encodeContinue({ rv: LATEST, after }, prefix) });
}
//# sourceMappingURL=continue.js.map