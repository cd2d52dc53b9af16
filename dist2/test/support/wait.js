// Waiting for what a user would see: polls fn until it gives a value, or fails naming what it waited
// for (and the last error fn threw, if any).
export async function until(what, fn, timeoutMs = 60_000, intervalMs = 100) {
    const end = Date.now() + timeoutMs;
    let last;
    for (;;) {
        try {
            const v = await fn();
            if (v)
                return v;
        }
        catch (e) {
            last = e;
        }
        if (Date.now() > end)
            throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
        await new Promise((r) => setTimeout(r, intervalMs));
    }
}
//# sourceMappingURL=wait.js.map