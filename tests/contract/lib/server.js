// Starts a live atip-server for the contract tests, or uses the one named by ATIP_SERVER_URL.
//
//   ATIP_SERVER_URL   use this running server (nothing is indexed or started)
//   ATIP_INDEX_BIN    default <repo>/build/indexer/atip-index
//   ATIP_SERVER_BIN   default <repo>/build/server/atip-server
//
// Otherwise: index <repo>/corpus into a fresh temp dir, start atip-server on 127.0.0.1 port 0
// with a random write token, and read its "atip-server listening on http://ADDR:PORT" line.
//
// Options (for the extra servers some tests need; they cannot be had from ATIP_SERVER_URL, so
// startServer({ needOwn: true }) returns null there and those tests skip):
//   args      more atip-server flags (['--cors-origin', 'https://embed.example'])
//   db        serve this index (another server's `db`) instead of indexing a fresh one; it is left
//             in place on stop. Only for servers that do not write.
//   data      true: give the server a fresh archive folder (--data), removed on stop
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './openapi.js';

const LISTEN_RE = /^atip-server listening on (http:\/\/[^\s]+:\d+)\s*$/;

function binary(envName, rel) {
  const p = process.env[envName] || path.join(repoRoot, rel);
  return path.resolve(repoRoot, p);
}

export async function startServer({ startTimeoutMs = 60000, args = [], db: sharedDb = null, data = false, needOwn = false } = {}) {
  if (process.env.ATIP_SERVER_URL) {
    if (needOwn) return null;
    return {
      url: process.env.ATIP_SERVER_URL.replace(/\/+$/, ''),
      external: true,
      token: null,
      log: () => '',
      stop: async () => {},
    };
  }
  const indexBin = binary('ATIP_INDEX_BIN', 'build/indexer/atip-index');
  const serverBin = binary('ATIP_SERVER_BIN', 'build/server/atip-server');
  for (const b of [indexBin, serverBin]) {
    if (!existsSync(b)) {
      throw new Error(`${b} does not exist: build the project first, or set ATIP_INDEX_BIN/ATIP_SERVER_BIN, or ATIP_SERVER_URL`);
    }
  }
  // A fresh, empty temp dir is the index folder (unless another server's index is shared), and
  // the archive folder is a fresh temp dir too.
  const owned = [];
  const cleanup = () => { for (const d of owned) rmSync(d, { recursive: true, force: true }); };
  let db = sharedDb;
  if (!db) {
    db = mkdtempSync(path.join(os.tmpdir(), 'atip-contract-'));
    owned.push(db);
    const idx = spawnSync(indexBin, ['--corpus', 'corpus', '--db', db], {
      cwd: repoRoot, encoding: 'utf8', timeout: 10 * 60 * 1000,
    });
    if (idx.error) { cleanup(); throw new Error(`atip-index failed to run: ${idx.error.message}`); }
    // exit 0: all indexed; 1: some files skipped (still a usable index); 2: nothing usable.
    if (idx.status !== 0 && idx.status !== 1) {
      cleanup();
      throw new Error(`atip-index exited ${idx.status} (signal ${idx.signal}):\n${idx.stdout}\n${idx.stderr}`);
    }
    if (idx.status === 1) process.stderr.write(`note: atip-index skipped some files:\n${idx.stderr}\n`);
  }
  // No rate limit: the suite walks every path and method in bursts (the limit is tested in
  // tests/integration/rate_limit_test.cpp).
  const flags = ['--db', db, '--port', '0', '--bind', '127.0.0.1', '--rate', '0'];
  let dataDir = null;
  if (data) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'atip-contract-data-'));
    owned.push(dataDir);
    flags.push('--data', dataDir);
  }

  const token = randomBytes(16).toString('hex');
  const child = spawn(serverBin, [...flags, '--token', token, ...args], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { err += d; if (err.length > 200000) err = err.slice(-100000); });
  child.stdout.setEncoding('utf8');

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`atip-server printed no "listening" line within ${startTimeoutMs} ms\nstdout: ${out}\nstderr: ${err}`));
    }, startTimeoutMs);
    let buf = '';
    const onData = (d) => {
      out += d;
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        const m = LISTEN_RE.exec(line);
        if (m) { clearTimeout(timer); child.off('exit', onExit); resolve(m[1]); return; }
      }
    };
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`atip-server exited (${code ?? signal}) before listening\nstdout: ${out}\nstderr: ${err}`));
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
  }).catch((e) => {
    child.kill('SIGKILL');
    cleanup();
    throw e;
  });
  child.stdout.on('data', (d) => { out += d; });

  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  return {
    url,
    external: false,
    token,
    db,
    dataDir,
    exited: () => exited,
    log: () => `stdout:\n${out.slice(-4000)}\nstderr:\n${err.slice(-4000)}`,
    stop: async () => {
      if (exited === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await done;
        clearTimeout(timer);
      }
      cleanup();
      return exited;
    },
  };
}
