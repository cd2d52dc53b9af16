// Field selectors (`?fieldSelector=spec.nodeName=n1,status.phase!=Failed`): equality terms ANDed over the
// flat field set each kind exposes (see ../fields.ts).
import { ApiError } from '../errors.js';
import { unsupportedFieldMessage } from '../fields.js';
/** Splits on commas not escaped with a backslash; the backslashes stay for unescape() to handle. */
function splitTerms(s) {
    const terms = [];
    let start = 0;
    for (let i = 0; i < s.length; i++) {
        if (s[i] === '\\')
            i++;
        else if (s[i] === ',') {
            terms.push(s.slice(start, i));
            start = i + 1;
        }
    }
    terms.push(s.slice(start));
    return terms;
}
/** Values may carry `\,`, `\=` and `\\`; a bare ',' or '=' or any other escape is an error. */
function unescape(v) {
    let out = '';
    for (let i = 0; i < v.length; i++) {
        const c = v[i];
        if (c === '\\') {
            const next = v[i + 1];
            if (next === undefined)
                throw new ApiError('BadRequest', 'invalid field selector: invalid escape sequence: \\');
            if (!'\\,='.includes(next))
                throw new ApiError('BadRequest', `invalid field selector: invalid escape sequence: \\${next}`);
            out += next;
            i++;
        }
        else if (c === ',' || c === '=') {
            // Go prints the rune as its code point.
            throw new ApiError('BadRequest', `invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
        }
        else {
            out += c;
        }
    }
    return out;
}
/** The first operator in the term wins; '!=' and '==' are tried before '=' at each position. */
function splitTerm(term) {
    for (let i = 0; i < term.length; i++) {
        const rest = term.slice(i);
        if (rest.startsWith('!='))
            return [term.slice(0, i), '!=', term.slice(i + 2)];
        if (rest.startsWith('=='))
            return [term.slice(0, i), '=', term.slice(i + 2)];
        if (rest.startsWith('='))
            return [term.slice(0, i), '=', term.slice(i + 1)];
    }
    return undefined;
}
/**
 * Parses a field selector for `kind`; a field outside `allowed` is refused as the API server does
 * (unsupported: the words for it, when not the built-in kinds').
 */
export function parseFieldSelector(s, allowed, kind, unsupported = (field) => unsupportedFieldMessage(kind, field)) {
    const requirements = [];
    for (const term of splitTerms(s).sort()) {
        if (!term)
            continue;
        const parts = splitTerm(term);
        if (!parts)
            throw new ApiError('BadRequest', `invalid selector: '${s}'; can't understand '${term}'`);
        const [field, operator, raw] = parts;
        const value = unescape(raw);
        if (!allowed.has(field))
            throw new ApiError('BadRequest', unsupported(field));
        requirements.push({ field, operator, value });
    }
    return { requirements };
}
/** A missing field reads as "", so `spec.nodeName=` selects unbound Pods. */
export function matchFields(sel, fields) {
    return sel.requirements.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator === '='));
}
/** The value `field` must equal for the selector to match, if it pins one (lets a watch cache index it). */
export function exactValue(sel, field) {
    return sel.requirements.find((r) => r.field === field && r.operator === '=')?.value;
}
//# sourceMappingURL=fields.js.map