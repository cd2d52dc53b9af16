// The join token: its form, the CA check an agent makes before trusting a server, and the file the
// first server keeps it in.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { caHash, caMatches, ensureJoinToken, formatJoinToken, parseJoinToken, secretMatches } from '../src/cli/join-token.js';
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
describe('join token', () => {
    it('round-trips K10<hash>::server:<secret> and refuses other forms', () => {
        const t = { caHash: caHash(CA), user: 'server', secret: 'a'.repeat(48) };
        assert.deepEqual(parseJoinToken(formatJoinToken(t)), t);
        for (const bad of ['', 'abc', `K10${'z'.repeat(64)}::server:${'a'.repeat(48)}`, `K10${caHash(CA)}::server:short`, `K10${caHash(CA)}:server:${'a'.repeat(48)}`]) {
            assert.throws(() => parseJoinToken(bad), /invalid join token: expected K10<sha256 of the cluster CA>::server:<secret>/);
        }
    });
    it('matches only the CA and the secret it was made for', () => {
        const t = parseJoinToken(formatJoinToken({ caHash: caHash(CA), user: 'server', secret: 'b'.repeat(48) }));
        assert.equal(caMatches(t, CA), true);
        assert.equal(caMatches(t, CA.replace('MIIB', 'MIIC')), false);
        assert.equal(secretMatches(t, 'b'.repeat(48)), true);
        assert.equal(secretMatches(t, 'b'.repeat(47)), false);
    });
    it('is made once in <data-dir>/token (0600) and kept; a new CA keeps the secret', async () => {
        const dir = await mkdtemp(join(tmpdir(), 'berth-token-'));
        const first = await ensureJoinToken(dir, CA);
        assert.equal((await stat(join(dir, 'token'))).mode & 0o777, 0o600);
        assert.equal((await readFile(join(dir, 'token'), 'utf8')).trim(), formatJoinToken(first));
        assert.deepEqual(await ensureJoinToken(dir, CA), first);
        const other = CA.replace('MIIB', 'MIID');
        const renewed = await ensureJoinToken(dir, other);
        assert.equal(renewed.secret, first.secret);
        assert.equal(caMatches(renewed, other), true);
        await writeFile(join(dir, 'token'), 'garbage\n');
        await assert.rejects(ensureJoinToken(dir, CA), /invalid join token/);
    });
});
//# sourceMappingURL=join-token.test.js.map