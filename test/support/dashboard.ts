// Starts a real `berth dashboard` process against a test server and reads the login URL it prints.

import { spawn } from 'node:child_process';
import { BERTH_BIN } from './server.js';

export interface TestDashboard {
  /** The printed login URL, token included. */
  loginUrl: string;
  origin: string;
  stop(): Promise<void>;
}

export async function startDashboardProcess(kubeconfig: string): Promise<TestDashboard> {
  const child = spawn(process.execPath, [BERTH_BIN, 'dashboard', '--kubeconfig', kubeconfig], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const loginUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`berth dashboard printed no URL:\n${out}`)), 20_000);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/login\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('exit', (code) => reject(new Error(`berth dashboard exited ${code}:\n${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    loginUrl,
    origin: new URL(loginUrl).origin,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
