/** The same bytes as a Buffer, not copied (values cross threads and gRPC as plain Uint8Arrays). */
export function asBuffer(v) {
    return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}
//# sourceMappingURL=bytes.js.map