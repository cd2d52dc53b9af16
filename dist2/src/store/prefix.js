/** The smallest string greater than every string starting with prefix: the end of a prefix range. */
export function prefixEnd(prefix) {
    return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
/** The end of the range of keys starting with prefix, in bytes as etcd orders them. */
export function bytesPrefixEnd(prefix) {
    for (let i = prefix.length - 1; i >= 0; i--) {
        if (prefix[i] < 0xff) {
            const end = Buffer.from(prefix.subarray(0, i + 1));
            end[i]++;
            return end;
        }
    }
    // Only 0xff bytes (or none): the range runs to the end of the key space, which etcd writes as NUL.
    return Buffer.from([0]);
}
//# sourceMappingURL=prefix.js.map