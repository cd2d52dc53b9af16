// Why Go's encoding/json refuses a document, in its words: kube-apiserver quotes them when a request
// body is not JSON ("invalid character 'a' looking for beginning of value"). A scan of the bytes with
// the contexts of Go's scanner; only run once JSON.parse has already failed.
class Syntax extends Error {
}
/** A byte as Go's scanner quotes it: 'a', '\n', '\'', '"', '\x01', '\u00a0'. */
function quoteChar(c) {
    if (c === 0x27)
        return `'\\''`;
    if (c === 0x22)
        return `'"'`;
    const named = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
    if (named[c])
        return `'${named[c]}'`;
    if (c < 0x20 || c === 0x7f)
        return `'\\x${c.toString(16).padStart(2, '0')}'`;
    // A byte past ASCII is taken as the rune of that number; the unprintable ones are escaped.
    if (c >= 0x80 && (c < 0xa1 || c === 0xad))
        return `'\\u${c.toString(16).padStart(4, '0')}'`;
    return `'${String.fromCharCode(c)}'`;
}
const isDigit = (c) => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
/** The message Go's json.Unmarshal gives for `data`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(data) {
    let i = 0;
    const end = () => {
        throw new Syntax('unexpected end of JSON input');
    };
    const peek = () => (i < data.length ? data[i] : end());
    const fail = (context) => {
        throw new Syntax(`invalid character ${quoteChar(data[i])} ${context}`);
    };
    const ws = () => {
        while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0a || data[i] === 0x0d))
            i++;
    };
    const digits = () => {
        while (isDigit(data[i]))
            i++;
    };
    const literal = (word) => {
        for (let k = 1; k < word.length; k++) {
            i++;
            if (peek() !== word.charCodeAt(k))
                fail(`in literal ${word} (expecting '${word[k]}')`);
        }
        i++;
    };
    const string = () => {
        i++;
        for (;;) {
            const c = peek();
            if (c === 0x22)
                return void i++;
            if (c === 0x5c) {
                i++;
                const e = peek();
                if (e === 0x75) {
                    for (let k = 0; k < 4; k++) {
                        i++;
                        if (!isHex(peek()))
                            fail('in \\u hexadecimal character escape');
                    }
                }
                else if (!'bfnrt"\\/'.includes(String.fromCharCode(e)))
                    fail('in string escape code');
            }
            else if (c < 0x20)
                fail('in string literal');
            i++;
        }
    };
    const number = () => {
        if (data[i] === 0x2d) {
            i++;
            if (!isDigit(peek()))
                fail('in numeric literal');
        }
        if (data[i] === 0x30)
            i++;
        else
            digits();
        if (data[i] === 0x2e) {
            i++;
            if (!isDigit(peek()))
                fail('after decimal point in numeric literal');
            digits();
        }
        if (data[i] === 0x65 || data[i] === 0x45) {
            i++;
            if (peek() === 0x2b || data[i] === 0x2d)
                i++;
            if (!isDigit(peek()))
                fail('in exponent of numeric literal');
            digits();
        }
    };
    const value = () => {
        ws();
        const c = peek();
        if (c === 0x7b)
            return object();
        if (c === 0x5b)
            return array();
        if (c === 0x22)
            return string();
        if (c === 0x2d || isDigit(c))
            return number();
        if (c === 0x74)
            return literal('true');
        if (c === 0x66)
            return literal('false');
        if (c === 0x6e)
            return literal('null');
        fail('looking for beginning of value');
    };
    const object = () => {
        i++;
        ws();
        if (peek() === 0x7d)
            return void i++;
        for (;;) {
            ws();
            if (peek() !== 0x22)
                fail('looking for beginning of object key string');
            string();
            ws();
            if (peek() !== 0x3a)
                fail('after object key');
            i++;
            value();
            ws();
            const c = peek();
            if (c === 0x7d)
                return void i++;
            if (c !== 0x2c)
                fail('after object key:value pair');
            i++;
        }
    };
    const array = () => {
        i++;
        ws();
        if (peek() === 0x5d)
            return void i++;
        for (;;) {
            value();
            ws();
            const c = peek();
            if (c === 0x5d)
                return void i++;
            if (c !== 0x2c)
                fail('after array element');
            i++;
        }
    };
    try {
        value();
        ws();
        if (i < data.length)
            fail('after top-level value');
        return undefined;
    }
    catch (e) {
        if (e instanceof Syntax)
            return e.message;
        throw e;
    }
}
/** How kube-apiserver shows the start of a body it could not read: JSON-looking text, else hex. */
export function summarizeBody(data, max = 30) {
    if (data.length === 0)
        return '<empty>';
    const head = Buffer.from(data.subarray(0, max));
    const more = data.length > max ? ' ...' : '';
    return data[0] === 0x7b ? head.toString('utf8') + more : head.toString('hex') + more;
}
//# sourceMappingURL=gojson.js.map