// Label selectors: the `-l` / `?labelSelector=` text syntax and metav1.LabelSelector objects, parsed into
// one form and matched the way the API server matches them. Error texts follow apimachinery's parser,
// since kubectl shows them verbatim.
import { ApiError } from '../errors.js';
import { isLabelValue, isQualifiedName } from '../validation/names.js';
export const EVERYTHING = { requirements: [] };
const SYMBOLS = new Set(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);
const isSpecial = (c) => '=!(),><'.includes(c);
const isSpace = (c) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
function lex(s) {
    const out = [];
    let i = 0;
    for (;;) {
        while (i < s.length && isSpace(s[i]))
            i++;
        if (i >= s.length) {
            out.push({ tok: 'end', lit: '' });
            return out;
        }
        if (isSpecial(s[i])) {
            // Longest run of symbol characters that still spells a known operator ('!=' rather than '!').
            let sym = s[i++];
            while (i < s.length && isSpecial(s[i]) && SYMBOLS.has(sym + s[i]))
                sym += s[i++];
            out.push({ tok: sym, lit: sym });
            continue;
        }
        const start = i;
        while (i < s.length && !isSpecial(s[i]) && !isSpace(s[i]))
            i++;
        const word = s.slice(start, i);
        out.push({ tok: word === 'in' || word === 'notin' ? word : 'ident', lit: word });
    }
}
// ---- parser ----
class ParseError extends Error {
}
/** `<nil>: Invalid value: "k": …` is how the parser reports a field error with no path. */
function fieldError(path, value, messages) {
    return `${path}: Invalid value: ${JSON.stringify(value)}: ${messages.join('; ')}`;
}
function aggregate(errors) {
    return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}
/** Builds a checked requirement; errors mirror NewRequirement's aggregate. */
function newRequirement(key, operator, values) {
    const errors = [];
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length)
        errors.push(fieldError('key', key, keyErrs));
    if (operator === 'GreaterThan' || operator === 'LessThan') {
        values.forEach((v, i) => {
            if (!/^[+-]?[0-9]+$/.test(v))
                errors.push(fieldError(`values[${i}]`, v, ["for 'Gt', 'Lt' operators, the value must be an integer"]));
        });
    }
    values.forEach((v, i) => {
        const errs = isLabelValue(v);
        if (errs.length)
            errors.push(fieldError(`values[${i}][${key}]`, v, errs));
    });
    if (errors.length)
        throw new ParseError(aggregate(errors));
    return { key, operator, values };
}
class Parser {
    #items;
    #pos = 0;
    constructor(s) {
        this.#items = lex(s);
    }
    // In value position the keywords 'in' and 'notin' are plain words (`x in (in)`).
    #asValue(t) {
        return t.tok === 'in' || t.tok === 'notin' ? { tok: 'ident', lit: t.lit } : t;
    }
    #peek() {
        return this.#asValue(this.#items[this.#pos]);
    }
    #next(asValue = true) {
        const t = this.#items[this.#pos++];
        return asValue ? this.#asValue(t) : t;
    }
    parse() {
        const reqs = [];
        for (;;) {
            const { tok, lit } = this.#peek();
            if (tok === 'end')
                return reqs;
            if (tok !== 'ident' && tok !== '!')
                throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
            try {
                reqs.push(this.#requirement());
            }
            catch (e) {
                if (e instanceof ParseError)
                    throw new ParseError(`unable to parse requirement: ${e.message}`);
                throw e;
            }
            const after = this.#next();
            if (after.tok === 'end')
                return reqs;
            if (after.tok !== ',')
                throw new ParseError(`found '${after.lit}', expected: ',' or 'end of string'`);
            const following = this.#peek();
            if (following.tok !== 'ident' && following.tok !== '!')
                throw new ParseError(`found '${following.lit}', expected: identifier after ','`);
        }
    }
    #requirement() {
        let t = this.#next();
        let operator;
        if (t.tok === '!') {
            operator = 'DoesNotExist';
            t = this.#next();
        }
        if (t.tok !== 'ident')
            throw new ParseError(`found '${t.lit}', expected: identifier`);
        const key = t.lit;
        const keyErrs = isQualifiedName(key);
        if (keyErrs.length)
            throw new ParseError(fieldError('<nil>', key, keyErrs));
        const ahead = this.#peek().tok;
        if (operator === undefined && (ahead === 'end' || ahead === ','))
            operator = 'Exists';
        if (operator)
            return newRequirement(key, operator, []);
        const op = this.#next(false);
        const binary = { in: 'In', notin: 'NotIn', '=': 'Equals', '==': 'Equals', '!=': 'NotEquals', '>': 'GreaterThan', '<': 'LessThan' };
        const parsed = binary[op.tok];
        if (!parsed)
            throw new ParseError(`found '${op.lit}', expected: in, notin, =, ==, !=, gt, lt`);
        const values = parsed === 'In' || parsed === 'NotIn' ? this.#valueSet() : this.#exactValue();
        return newRequirement(key, parsed, [...values].sort());
    }
    #valueSet() {
        const open = this.#next();
        if (open.tok !== '(')
            throw new ParseError(`found '${open.lit}' expected: '('`);
        const first = this.#peek();
        if (first.tok === ')') {
            this.#next();
            return new Set(['']);
        }
        if (first.tok !== 'ident' && first.tok !== ',')
            throw new ParseError(`found '${first.lit}', expected: ',', ')' or identifier`);
        const values = this.#identifiers();
        if (this.#next().tok !== ')')
            throw new ParseError(`found '${first.lit}', expected: ')'`);
        return values;
    }
    // A comma-separated list in which empty entries stand for the empty value: `(a,,b)`, `(,a)`.
    #identifiers() {
        const values = new Set();
        for (;;) {
            const t = this.#next();
            if (t.tok === 'ident') {
                values.add(t.lit);
                const ahead = this.#peek();
                if (ahead.tok === ')')
                    return values;
                if (ahead.tok !== ',')
                    throw new ParseError(`found '${ahead.lit}', expected: ',' or ')'`);
            }
            else if (t.tok === ',') {
                if (values.size === 0)
                    values.add('');
                const ahead = this.#peek().tok;
                if (ahead === ')' || ahead === ',')
                    values.add('');
                if (ahead === ')')
                    return values;
            }
            else {
                throw new ParseError(`found '${t.lit}', expected: ',', or identifier`);
            }
        }
    }
    #exactValue() {
        const ahead = this.#peek().tok;
        if (ahead === 'end' || ahead === ',')
            return new Set(['']);
        const t = this.#next();
        if (t.tok !== 'ident')
            throw new ParseError(`found '${t.lit}', expected: identifier`);
        return new Set([t.lit]);
    }
}
function byKey(reqs) {
    return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
/** Parses `app=web,tier in (a,b),!canary`; a bad selector is a BadRequest worded as upstream. */
export function parseLabelSelector(s) {
    try {
        return { requirements: byKey(new Parser(s).parse()) };
    }
    catch (e) {
        if (e instanceof ParseError)
            throw new ApiError('BadRequest', e.message);
        throw e;
    }
}
const EXPRESSION_OPERATORS = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };
/** A metav1.LabelSelector: null selects nothing, {} selects everything. */
export function fromLabelSelectorObject(obj) {
    if (!obj)
        return { requirements: [], matchesNothing: true };
    try {
        const reqs = Object.entries(obj.matchLabels ?? {}).map(([k, v]) => newRequirement(k, 'Equals', [v]));
        for (const expr of obj.matchExpressions ?? []) {
            const op = EXPRESSION_OPERATORS[expr.operator];
            if (!op)
                throw new ParseError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
            reqs.push(newRequirement(expr.key, op, [...(expr.values ?? [])]));
        }
        return { requirements: byKey(reqs) };
    }
    catch (e) {
        if (e instanceof ParseError)
            throw new ApiError('BadRequest', e.message);
        throw e;
    }
}
function matchesOne(r, labels) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels[r.key];
    switch (r.operator) {
        case 'In':
        case 'Equals':
            return has && r.values.includes(value);
        case 'NotIn':
        case 'NotEquals':
            return !has || !r.values.includes(value);
        case 'Exists':
            return has;
        case 'DoesNotExist':
            return !has;
        case 'GreaterThan':
        case 'LessThan': {
            if (!has || !/^[+-]?[0-9]+$/.test(value))
                return false;
            const diff = BigInt(value) - BigInt(r.values[0]);
            return r.operator === 'GreaterThan' ? diff > 0n : diff < 0n;
        }
    }
}
export function matchLabels(sel, labels) {
    if (sel.matchesNothing)
        return false;
    const l = labels ?? {};
    return sel.requirements.every((r) => matchesOne(r, l));
}
const OPERATOR_TEXT = { Equals: '=', NotEquals: '!=', In: ' in ', NotIn: ' notin ', GreaterThan: '>', LessThan: '<', Exists: '', DoesNotExist: '' };
/** The selector as labels.Selector's String() prints it (`app=web,tier in (a,b)`): Tables and Scale use it. */
export function selectorString(sel) {
    return sel.requirements
        .map((r) => {
        if (r.operator === 'Exists')
            return r.key;
        if (r.operator === 'DoesNotExist')
            return `!${r.key}`;
        const values = [...r.values].sort();
        const v = r.operator === 'In' || r.operator === 'NotIn' ? `(${values.join(',')})` : values[0];
        return `${r.key}${OPERATOR_TEXT[r.operator]}${v}`;
    })
        .join(',');
}
//# sourceMappingURL=labels.js.map