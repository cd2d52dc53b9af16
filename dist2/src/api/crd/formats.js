// The string formats a CRD schema may name, as the apiextensions-apiserver checks them (its
// go-openapi format registry). Formats it does not know are not checked, as upstream.
import { parseQuantity } from '../quantity.js';
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HOSTNAME = /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$/;
const DURATION = /^([-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w))+$/;
const BYTE = /^[A-Za-z0-9+/]*={0,2}$/;
const validDate = (s) => !Number.isNaN(Date.parse(s.replace(' ', 'T')));
function isQuantity(s) {
    try {
        parseQuantity(s);
        return true;
    }
    catch {
        return false;
    }
}
const CHECKS = {
    'date-time': (s) => RFC3339.test(s) && validDate(s),
    datetime: (s) => RFC3339.test(s) && validDate(s),
    date: (s) => DATE.test(s) && validDate(s),
    uuid: (s) => UUID.test(s),
    ipv4: (s) => IPV4.test(s),
    ipv6: (s) => s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s),
    cidr: (s) => /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(s),
    hostname: (s) => HOSTNAME.test(s),
    duration: (s) => DURATION.test(s),
    byte: (s) => s.length % 4 === 0 && BYTE.test(s),
    email: (s) => /^[^@\s]+@[^@\s]+$/.test(s),
    uri: (s) => /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s),
    quantity: isQuantity,
};
/** Whether s is a valid value of format (true for formats not checked). */
export function checkFormat(format, s) {
    const check = CHECKS[format];
    return check ? check(s) : true;
}
//# sourceMappingURL=formats.js.map