// A small seeded PRNG (mulberry32) for property and fuzz tests: a failing seed can be replayed.
/** mulberry32: small, fast, good enough to drive tests, and reproducible from one 32-bit seed. */
export function prng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)], chance: (p) => next() < p };
}
//# sourceMappingURL=prng.js.map