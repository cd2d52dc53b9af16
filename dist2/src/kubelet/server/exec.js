// kubectl exec and attach over WebSocket: stdio carried as channel frames, terminal sizes on the resize
// channel, and the Status (exit code) on the error channel at the end.
import { CLOSE, ERROR, frame, pickProtocol, RESIZE, STDERR, STDIN, STDOUT, webSocketEndpoint } from './channels.js';
import { MAX_SIZE_MESSAGE, parseTerminalSize, runStream, streamIO } from './streams.js';
const accept = webSocketEndpoint(pickProtocol);
export function serveStreamWebSocket(runtime, req, socket, head, t) {
    accept(req, socket, head, (ws) => {
        const io = streamIO(t);
        const { stdin } = io;
        io.stdout.on('data', (d) => ws.send(frame(STDOUT, d)));
        io.stderr.on('data', (d) => ws.send(frame(t.tty ? STDOUT : STDERR, d)));
        ws.on('message', (data) => {
            if (!data.length)
                return;
            const ch = data[0];
            if (ch === STDIN) {
                // Stdin after its close is the client's mistake: dropped, as a write after end would throw.
                if (!stdin || stdin.writableEnded)
                    return;
                // A command that does not read its stdin must not make us buffer all the client sends.
                if (!stdin.write(data.subarray(1))) {
                    ws.pause();
                    stdin.once('drain', () => ws.resume());
                }
            }
            else if (ch === CLOSE && data[1] === STDIN)
                stdin?.end();
            else if (ch === RESIZE && data.length <= MAX_SIZE_MESSAGE) {
                const size = parseTerminalSize(data.subarray(1).toString());
                if (size)
                    io.sizes.push(size);
            }
        });
        ws.on('close', () => {
            stdin?.end();
            io.gone.abort();
        });
        void runStream(runtime, t, io).then((status) => {
            // Let buffered output reach the client before the status that ends the session.
            setImmediate(() => {
                ws.send(frame(ERROR, status));
                ws.resume(); // stdin may have paused us; the client's close frame must still be read
                ws.close(1000);
            });
        });
    });
}
//# sourceMappingURL=exec.js.map