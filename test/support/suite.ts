// One berth server and a raw API client for a test file: started before its tests, disposed after.

import { after, before } from 'node:test';
import { apiFor, type Api } from './api.js';
import { startServer, type StartOptions, type TestServer } from './server.js';

export function withServer(opts: StartOptions = {}): { server: TestServer; api: Api } {
  const ctx = {} as { server: TestServer; api: Api };
  before(async () => {
    ctx.server = await startServer(opts);
    ctx.api = await apiFor(ctx.server.kubeconfig);
  });
  after(async () => {
    ctx.api?.close();
    await ctx.server?.dispose();
  });
  return ctx;
}
