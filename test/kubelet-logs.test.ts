import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { containerLogFile, readLogs, rotateLogIfNeeded } from '../src/kubelet/logs.js';
import { until } from './support/wait.js';

const LOG = [
  '2024-05-01T10:00:00.000000001Z stdout F one',
  '2024-05-01T10:00:01.000000000Z stderr F two',
  '2024-05-01T10:00:02.000000000Z stdout P thr',
  '2024-05-01T10:00:02.100000000Z stdout F ee',
  '2024-05-01T10:00:03.000000000Z stdout F four',
  '',
].join('\n');

async function logFile(content = LOG): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelet-logs-'));
  const path = join(dir, '0.log');
  await writeFile(path, content);
  return path;
}

test('reads CRI lines, joining partial chunks', async () => {
  assert.equal(await text(readLogs(await logFile())), 'one\ntwo\nthree\nfour\n');
});

test('tailLines, sinceTime, timestamps, limitBytes', async () => {
  const path = await logFile();
  assert.equal(await text(readLogs(path, { tailLines: 2 })), 'three\nfour\n');
  assert.equal(await text(readLogs(path, { tailLines: 0 })), '');
  assert.equal(await text(readLogs(path, { sinceTime: '2024-05-01T10:00:01Z' })), 'two\nthree\nfour\n');
  assert.equal(await text(readLogs(path, { tailLines: 1, timestamps: true })), '2024-05-01T10:00:03.000000000Z four\n');
  assert.equal(await text(readLogs(path, { limitBytes: 6 })), 'one\ntw');
});

test('follow streams appended lines, survives copy-truncate rotation, ends when the container stops', async () => {
  const path = await logFile('2024-05-01T10:00:00Z stdout F a\n');
  let running = true;
  const chunks: string[] = [];
  const stream = readLogs(path, { follow: true, stillRunning: async () => running });
  const done = (async () => { for await (const c of stream) chunks.push(String(c)); })();
  // Each step waits for the follower to have read the lines before it: rotating before it has read
  // them loses them, as it would for a real reader that far behind (a fixed pause can end first under load).
  const read = (want: string) => until(`the follower to read ${JSON.stringify(want)}`, () => chunks.join('') === want, 30_000, 20);
  await read('a\n');
  await appendFile(path, '2024-05-01T10:00:01Z stdout F b\n'.repeat(3));
  await read('a\nb\nb\nb\n');
  assert.equal(await rotateLogIfNeeded(path, 10, 2), true);
  await appendFile(path, '2024-05-01T10:00:02Z stdout F c\n');
  await read('a\nb\nb\nb\nc\n');
  running = false;
  await done;
  assert.equal(chunks.join(''), 'a\nb\nb\nb\nc\n');
});

test('rotation keeps at most maxFiles copies; --previous picks the instance before', async () => {
  const path = await logFile('x'.repeat(100));
  const dir = join(path, '..');
  for (let i = 0; i < 4; i++) {
    await writeFile(path, 'x'.repeat(100));
    await rotateLogIfNeeded(path, 50, 2, new Date(Date.UTC(2024, 0, 1, 0, 0, i)));
  }
  assert.equal(await readFile(path, 'utf8'), '');
  assert.deepEqual((await readdir(dir)).sort(), ['0.log', '0.log.20240101T000002', '0.log.20240101T000003']);
  assert.equal(await rotateLogIfNeeded(path, 50, 2), false);
  const c = join(dir, 'c');
  await mkdir(c);
  for (const n of [0, 1, 2]) await writeFile(join(c, `${n}.log`), '');
  assert.equal(await containerLogFile(c), join(c, '2.log'));
  assert.equal(await containerLogFile(c, true), join(c, '1.log'));
  assert.equal(await containerLogFile(join(dir, 'none')), undefined);
});

// conmon ends every record with a newline; P marks output that had none, as a shell's last printf.
test('a last line without a newline is kept, with or without follow', async () => {
  const path = await logFile(`${LOG}2024-05-01T10:00:04.000000000Z stdout P tail\n`);
  assert.equal(await text(readLogs(path)), 'one\ntwo\nthree\nfour\ntail');
  assert.equal(await text(readLogs(path, { tailLines: 2 })), 'four\ntail');
  assert.equal(await text(readLogs(path, { follow: true, stillRunning: async () => false })), 'one\ntwo\nthree\nfour\ntail');
});

test('a terminal\'s lines keep their carriage returns (conmon logs a tty\'s CR LF as CR, then the newline)', async () => {
  const path = await logFile(['2024-05-01T10:00:00.000000000Z stdout P / # ', '2024-05-01T10:00:01.000000000Z stdout F echo hi\r', '2024-05-01T10:00:01.100000000Z stdout F hi\r', ''].join('\n'));
  assert.equal(await text(readLogs(path)), '/ # echo hi\r\nhi\r\n');
});
