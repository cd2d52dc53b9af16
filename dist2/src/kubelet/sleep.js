/** Resolves after ms, or early when signal aborts; leaves no listener behind either way. */
export function sleep(ms, signal) {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}
//# sourceMappingURL=sleep.js.map