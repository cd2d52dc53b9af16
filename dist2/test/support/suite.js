// One berth server and a raw API client for a test file: started before its tests, disposed after.
import { after, before } from 'node:test';
import { apiFor } from './api.js';
import { startServer } from './server.js';
export function withServer(opts = {}) {
    const ctx = {};
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
//# sourceMappingURL=suite.js.map