export function sendJson(res, code, body, warnings = []) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) };
    // Kubernetes' warning header format: 299 - "<text>".
    if (warnings.length)
        headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    res.writeHead(code, headers);
    res.end(text);
}
//# sourceMappingURL=respond.js.map