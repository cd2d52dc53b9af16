// DNS over TCP: each message preceded by its length in two bytes (RFC 1035 4.2.2).
/** The message with its length prefix. */
export function frame(msg) {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(msg.length);
    return Buffer.concat([len, msg]);
}
/** A data handler that calls onMessage once per whole message, however the stream was cut. */
export function deframer(onMessage) {
    let buf = Buffer.alloc(0);
    return (chunk) => {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
            const len = buf.readUInt16BE(0);
            onMessage(buf.subarray(2, 2 + len));
            buf = buf.subarray(2 + len);
        }
    };
}
//# sourceMappingURL=tcpFraming.js.map