// Where Go's encoding/json would refuse a []byte field: it decodes base64 with padding (StdEncoding),
// skips CR and LF, and names the offset of the first byte it cannot take. kube-apiserver reports that
// offset ("illegal base64 data at input byte N"), so berth computes the same one.
const ALPHABET = /[A-Za-z0-9+/]/;
const isNewline = (c) => c === '\n' || c === '\r';
/** The offset Go's base64.StdEncoding.Decode fails at, or -1 when s decodes. */
export function base64ErrorOffset(s) {
    let i = 0;
    for (;;) {
        // One quantum of up to four symbols.
        let j = 0;
        while (j < 4) {
            if (i === s.length)
                return j === 0 ? -1 : i - j;
            const c = s[i++];
            if (ALPHABET.test(c)) {
                j++;
                continue;
            }
            if (isNewline(c))
                continue;
            if (c !== '=' || j < 2)
                return i - 1;
            if (j === 2) {
                while (isNewline(s[i]))
                    i++;
                if (i === s.length)
                    return s.length;
                if (s[i] !== '=')
                    return i - 1;
                i++;
            }
            while (isNewline(s[i]))
                i++;
            return i < s.length ? i : -1;
        }
    }
}
//# sourceMappingURL=base64.js.map