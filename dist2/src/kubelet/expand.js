// `$(VAR)` references in command, args, env values and subPathExpr, as Kubernetes expands them:
// defined names are replaced, unknown ones left verbatim, `$$` escapes a `$`.
export function expandVars(input, lookup) {
    let out = '';
    for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch !== '$' || i + 1 >= input.length) {
            out += ch;
            continue;
        }
        const next = input[i + 1];
        if (next === '$') {
            out += '$';
            i++;
        }
        else if (next === '(') {
            const close = input.indexOf(')', i + 2);
            if (close < 0) {
                out += input.slice(i);
                break;
            }
            const name = input.slice(i + 2, close);
            const value = lookup(name);
            out += value ?? `$(${name})`;
            i = close;
        }
        else {
            out += '$' + next;
            i++;
        }
    }
    return out;
}
//# sourceMappingURL=expand.js.map