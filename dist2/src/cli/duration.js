/** Parses a Go-style duration flag ("40s", "2m", "1m30s", "500ms") into milliseconds. */
export function parseDuration(s) {
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
    let total = 0;
    let m;
    let end = 0;
    while ((m = re.exec(s))) {
        total += Number(m[1]) * unit[m[2]];
        end = re.lastIndex;
    }
    if (end !== s.length || s === '')
        throw new Error(`invalid duration "${s}"`);
    return total;
}
//# sourceMappingURL=duration.js.map