// The last line of defence for a long-running `berth` process: an error that escaped every
// per-connection handler is logged and counted, and the process keeps serving the other clients.
// Each escape is a bug (the connection that caused it should have been handled where it lived), so the
// message is distinct and numbered for tests and operators to look for.
let escaped = 0;
let installed = false;
/** How many errors reached the process-level handlers since install. */
export function escapedErrors() {
    return escaped;
}
function report(kind, e) {
    escaped++;
    const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
    process.stderr.write(`berth: escaped error #${escaped} (${kind}): ${text}\n`);
}
/** Installs the handlers once; later calls do nothing. */
export function guardProcess() {
    if (installed)
        return;
    installed = true;
    process.on('uncaughtException', (e) => report('uncaughtException', e));
    process.on('unhandledRejection', (e) => report('unhandledRejection', e));
}
//# sourceMappingURL=guard.js.map