// Content negotiation for reads: plain JSON objects, or a server-side Table when kubectl asks.
export function outputFormat(req, query) {
    const accept = req.headers.accept ?? '';
    // kubectl lists Table first; a client that only says application/json gets objects.
    const first = accept.split(',')[0] ?? '';
    if (/as=Table/.test(first) && /g=meta\.k8s\.io/.test(first)) {
        const inc = query.get('includeObject');
        return { table: true, includeObject: inc === 'None' || inc === 'Object' ? inc : 'Metadata' };
    }
    return { table: false };
}
//# sourceMappingURL=negotiate.js.map