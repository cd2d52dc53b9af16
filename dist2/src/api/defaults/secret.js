export function defaultSecret(secret) {
    secret.type ||= 'Opaque';
    if (secret.stringData) {
        secret.data ??= {};
        for (const [k, v] of Object.entries(secret.stringData))
            secret.data[k] = Buffer.from(v).toString('base64');
        delete secret.stringData;
    }
}
//# sourceMappingURL=secret.js.map