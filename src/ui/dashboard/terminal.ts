// A shell in a container (xterm.js), through the dashboard's /exec WebSocket, which opens the
// API's exec with the caller's rights; a refusal (RBAC, a stopped container) shows as the reason.
// The session has no TTY (berth's runtime offers none for exec yet), so, like a line-mode console,
// the page echoes what is typed, handles backspace, and sends a whole line on Enter.

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export function TerminalView({ ns, pod, container }: { ns: string; pod: string; container: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open || !box.current) return;
    const term = new Terminal({ fontSize: 13, convertEol: true, cursorBlink: true });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(box.current);
    fit.fit();
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/exec?namespace=${encodeURIComponent(ns)}&pod=${encodeURIComponent(pod)}&container=${encodeURIComponent(container)}`);
    ws.binaryType = 'arraybuffer';
    const enc = new TextEncoder();
    const resize = () => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ cols: term.cols, rows: term.rows }));
    ws.onopen = () => {
      setNote(`connected to ${container}`);
      resize();
      term.focus();
    };
    ws.onmessage = (e) => term.write(new Uint8Array(e.data as ArrayBuffer));
    ws.onclose = (e) => setNote(e.reason || 'disconnected');
    let line = '';
    const typed = term.onData((d) => {
      for (const ch of d) {
        if (ch === '\r') {
          term.write('\r\n');
          if (ws.readyState === WebSocket.OPEN) ws.send(enc.encode(line + '\n'));
          line = '';
        } else if (ch === '\x7f') {
          if (line) term.write('\b \b');
          line = line.slice(0, -1);
        } else if (ch >= ' ') {
          line += ch;
          term.write(ch);
        }
      }
    });
    const sized = term.onResize(resize);
    const onWindow = () => fit.fit();
    addEventListener('resize', onWindow);
    return () => {
      removeEventListener('resize', onWindow);
      typed.dispose();
      sized.dispose();
      ws.close();
      term.dispose();
    };
  }, [open, ns, pod, container]);
  return h('div', null,
    open ? h('button', { onClick: () => setOpen(false) }, 'close the shell') : h('button', { onClick: () => setOpen(true), 'data-testid': 'open-terminal' }, `open a shell in ${container}`),
    open && h('div', { class: 'terminal', ref: box, 'data-testid': 'terminal' }),
    h('small', { 'data-testid': 'terminal-note' }, note));
}
