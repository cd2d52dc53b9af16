// Every `berth <command> --help` prints its help and does nothing else: `berth killall --help` once
// stopped every container of the node. The commands are read from `berth help`, so a new one is
// checked too. And `berth images` says which store it wrote to.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ociImage, tarOf } from './support/craft.js';
import { BERTH_BIN } from './support/server.js';
function berth(args) {
    return new Promise((resolve) => {
        execFile(process.execPath, [BERTH_BIN, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
            resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
        });
    });
}
test('berth <command> --help prints help on stdout, exits 0, and changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-help-'));
    try {
        // A node's data dir with a runtime folder: what killall would clean if it ran.
        await mkdir(join(dir, 'runtime'), { recursive: true });
        await writeFile(join(dir, 'runtime', 'marker'), '');
        const help = await berth(['help']);
        const commands = [...help.stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]).filter((c) => c !== 'help');
        assert.ok(commands.includes('killall') && commands.length >= 7, help.stdout);
        for (const cmd of commands) {
            for (const flag of ['--help', '-h']) {
                const r = await berth([cmd, flag, ...(cmd === 'killall' ? ['--data-dir', dir] : [])]);
                assert.equal(r.code, 0, `berth ${cmd} ${flag}: ${r.stderr}`);
                assert.match(r.stdout, new RegExp(`^usage: berth ${cmd}`, 'i'), `berth ${cmd} ${flag}`);
            }
        }
        assert.ok(existsSync(join(dir, 'runtime', 'marker')), 'killall --help cleaned nothing');
        const bad = await berth(['killall', '--data-dir', dir, '--force']);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /Unknown option '--force'/);
        assert.ok(existsSync(join(dir, 'runtime', 'marker')), 'an unknown flag stops killall before it does anything');
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
test('berth images names the store it wrote to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-help-'));
    try {
        await writeFile(join(dir, 'img.tar'), ociImage([tarOf([{ name: 'hello', data: 'hi' }])], 'example.com/help:v1'));
        const r = await berth(['images', '--data-dir', dir, 'import', join(dir, 'img.tar')]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, 'imported example.com/help:v1\n');
        assert.equal(r.stderr, `image store: ${join(dir, 'images')}\n`);
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
//# sourceMappingURL=cli-help.test.js.map