// The name formats of the Kubernetes API, each returning the list of rules a value breaks, in
// apimachinery's words (kubectl users search for these exact sentences).
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${LABEL_KEY_NAME})?`;
const CONFIG_KEY = '[-._a-zA-Z0-9]+';
const whole = (fmt) => new RegExp(`^${fmt}$`);
const dns1123LabelRe = whole(DNS1123_LABEL);
const dns1123SubdomainRe = whole(DNS1123_SUBDOMAIN);
const dns1035LabelRe = whole(DNS1035_LABEL);
const labelKeyNameRe = whole(LABEL_KEY_NAME);
const labelValueRe = whole(LABEL_VALUE);
const configKeyRe = whole(CONFIG_KEY);
export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
const LABEL_MAX = 63;
export function maxLenError(n) {
    return `must be no more than ${n} characters`;
}
/** The "(e.g. 'a',  or 'b', regex used for validation is '…')" tail, double space included. */
function regexError(msg, fmt, ...examples) {
    if (!examples.length)
        return `${msg} (regex used for validation is '${fmt}')`;
    return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export function isDNS1123Label(value) {
    const errs = [];
    if (value.length > DNS1123_LABEL_MAX)
        errs.push(maxLenError(DNS1123_LABEL_MAX));
    if (!dns1123LabelRe.test(value)) {
        errs.push(dns1123SubdomainRe.test(value)
            ? 'must not contain dots'
            : regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, 'my-name', '123-abc'));
    }
    return errs;
}
export function isDNS1123Subdomain(value) {
    const errs = [];
    if (value.length > DNS1123_SUBDOMAIN_MAX)
        errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
    if (!dns1123SubdomainRe.test(value)) {
        errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, 'example.com'));
    }
    return errs;
}
/** A DNS-1035 label (Service names): an RFC 1123 label that starts with a letter. */
export function isDNS1035Label(value) {
    const errs = [];
    if (value.length > DNS1123_LABEL_MAX)
        errs.push(maxLenError(DNS1123_LABEL_MAX));
    if (!dns1035LabelRe.test(value)) {
        errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, 'my-name', 'abc-123'));
    }
    return errs;
}
/** A qualified name (label key, annotation key, finalizer): `[prefix/]name`. */
export function isQualifiedName(value) {
    const errs = [];
    const parts = value.split('/');
    if (parts.length > 2) {
        return [`a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_NAME, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
    }
    const name = parts.length === 2 ? parts[1] : parts[0];
    if (parts.length === 2) {
        const prefix = parts[0];
        if (!prefix)
            errs.push('prefix part must be non-empty');
        else
            errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
    }
    if (!name)
        errs.push('name part must be non-empty');
    else if (name.length > LABEL_MAX)
        errs.push(`name part ${maxLenError(LABEL_MAX)}`);
    if (!labelKeyNameRe.test(name))
        errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_NAME, 'MyName', 'my.name', '123-abc')}`);
    return errs;
}
export function isLabelValue(value) {
    const errs = [];
    if (value.length > LABEL_MAX)
        errs.push(maxLenError(LABEL_MAX));
    if (!labelValueRe.test(value)) {
        errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE, 'MyValue', 'my_value', '12345'));
    }
    return errs;
}
/** An IANA service name, as container port names must be. */
export function isPortName(value) {
    const errs = [];
    if (value.length > 15)
        errs.push(maxLenError(15));
    if (!/^[-a-z0-9]+$/.test(value))
        errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
    if (!/[a-z]/.test(value))
        errs.push('must contain at least one letter (a-z)');
    if (value.includes('--'))
        errs.push('must not contain consecutive hyphens');
    if (value.startsWith('-') || value.endsWith('-'))
        errs.push('must not begin or end with a hyphen');
    return errs;
}
/**
 * Environment variable names under RelaxedEnvironmentVariableValidation (on by default since 1.32):
 * any printable ASCII but '='.
 */
export function isEnvVarName(value) {
    const errs = [];
    if (!value)
        errs.push('environment variable name must be non-empty');
    if (/[^\x20-\x7e]|=/.test(value))
        errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
    return errs;
}
function chdirPrefix(value) {
    if (value === '.')
        return ["must not be '.'"];
    if (value === '..')
        return ["must not be '..'"];
    if (value.startsWith('..'))
        return ["must not start with '..'"];
    return [];
}
/** A key of a ConfigMap's or Secret's data. */
export function isConfigMapKey(value) {
    const errs = [];
    if (value.length > DNS1123_SUBDOMAIN_MAX)
        errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
    if (!configKeyRe.test(value))
        errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY, 'key.name', 'KEY_NAME', 'key-name'));
    return [...errs, ...chdirPrefix(value)];
}
function asPrefix(check) {
    return (name, prefix) => check(prefix ? name.replace(/-+$/, '') || name : name);
}
export const nameIsDNSSubdomain = asPrefix(isDNS1123Subdomain);
export const nameIsDNSLabel = asPrefix(isDNS1123Label);
export const nameIsDNS1035Label = asPrefix(isDNS1035Label);
/** apimachinery's IsValidPathSegmentName: any name that can stand as one URL path segment. */
export function isPathSegmentName(value) {
    if (value === '.' || value === '..')
        return [`may not be '${value}'`];
    return ['/', '%'].filter((c) => value.includes(c)).map((c) => `may not contain '${c}'`);
}
/** RBAC's minimal name rule (roles and bindings may be named `system:…`). */
export const nameIsPathSegment = (name) => isPathSegmentName(name);
//# sourceMappingURL=names.js.map