// kubectl exec over WebSocket: the command runs in the container through the runtime, its stdio
// carried as channel frames, and the exit code reported on the error channel at the end.

import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { RuntimeService } from '../../runtime/types.js';
import { CLOSE, ERROR, exitStatus, frame, pickProtocol, RESIZE, STDERR, STDIN, STDOUT, webSocketEndpoint } from './channels.js';

const accept = webSocketEndpoint(pickProtocol);

export interface ExecTarget {
  containerId: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export function serveExec(runtime: RuntimeService, req: IncomingMessage, socket: Duplex, head: Buffer, t: ExecTarget): void {
  accept(req, socket, head, (ws: WebSocket) => {
    const stdin = t.stdin ? new PassThrough() : undefined;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (d: Buffer) => ws.send(frame(STDOUT, d)));
    stderr.on('data', (d: Buffer) => ws.send(frame(t.tty ? STDOUT : STDERR, d)));
    ws.on('message', (data: Buffer) => {
      if (!data.length) return;
      const ch = data[0];
      if (ch === STDIN) {
        // Stdin after its close is the client's mistake: dropped, as a write after end would throw.
        if (!stdin || stdin.writableEnded) return;
        // A command that does not read its stdin must not make us buffer all the client sends.
        if (!stdin.write(data.subarray(1))) {
          ws.pause();
          stdin.once('drain', () => ws.resume());
        }
      } else if (ch === CLOSE && data[1] === STDIN) stdin?.end();
      else if (ch === RESIZE) return; // no pty here: sizes have nothing to apply to
    });
    ws.on('close', () => stdin?.end());
    runtime
      .exec(t.containerId, t.command, { stdin, stdout: t.stdout ? stdout : undefined, stderr: t.stderr ? stderr : undefined, tty: false })
      .then(
        (code) => exitStatus(code),
        (e: Error) => JSON.stringify({ metadata: {}, status: 'Failure', message: e.message, reason: 'InternalError', code: 500 }),
      )
      .then((status) => {
        // Let buffered output reach the client before the status that ends the session.
        setImmediate(() => {
          ws.send(frame(ERROR, status));
          ws.resume(); // stdin may have paused us; the client's close frame must still be read
          ws.close(1000);
        });
      });
  });
}
