'use strict';
// Test harness for the browser tests.
//
// startArchive({ legislation }):
//   1. takes the programs from ATIP_INDEX_BIN and ATIP_SERVER_BIN (default
//      build/indexer/atip-index and build/server/atip-server under the repo root);
//   2. indexes corpus/ into a fresh temporary folder: atip-index --corpus corpus --db TMP;
//      with { legislation: true }, indexes corpus/ and ../shared/corpus-src/legislation
//      together instead (a temporary folder with a symbolic link to each, --reference corpus);
//      hasLegislation() says whether that folder is there (tests skip when it is not);
//   3. starts a tiny node http server on another loopback port (another origin) that
//      serves a page embedding the search box, then starts
//      atip-server --db TMP --port 0 --bind 127.0.0.1 --web web --cors-origin <that origin>
//      (ATIP_WEB_DIR serves another copy of the page instead of web/); { cors: false } leaves
//      --cors-origin out, and { serverArgs } adds flags (--data DIR --token NAME:SECRET: writes)
//      and reads "atip-server listening on http://127.0.0.1:PORT" from its stdout;
//   4. stop() ends both servers and removes the temporary folder.
//
// launchBrowser(): Debian's Chromium (/usr/bin/chromium, or ATIP_CHROMIUM) through
// playwright-core. Never downloads a browser.
//
// openPage(): a page that records console errors, uncaught exceptions, dialogs and
// Content-Security-Policy violations; checkA11y() injects axe-core and returns the
// violations; screenshot() saves to tests/e2e/output/NAME.png.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const E2E_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(E2E_DIR, '..', '..');
const OUTPUT = path.join(E2E_DIR, 'output');

const INDEX_BIN = path.resolve(REPO, process.env.ATIP_INDEX_BIN || 'build/indexer/atip-index');
const SERVER_BIN = path.resolve(REPO, process.env.ATIP_SERVER_BIN || 'build/server/atip-server');
const CHROMIUM = process.env.ATIP_CHROMIUM || '/usr/bin/chromium';
// The web page served (default web/ of the repository; another folder to compare a change with).
const WEB_DIR = path.resolve(REPO, process.env.ATIP_WEB_DIR || 'web');
// The legislation set (national laws and treaties in en/es/pt/fr, with a MANIFEST.tsv) is not
// part of the repository: it is read from beside it when it is there.
const LEGISLATION_DIR = path.resolve(REPO, process.env.ATIP_LEGISLATION_DIR || '../shared/corpus-src/legislation');
const SCANNED_DIR = path.resolve(REPO, '../shared/corpus-src/scanned');
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function missingPrograms() {
  const missing = [];
  for (const bin of [INDEX_BIN, SERVER_BIN]) {
    try { fs.accessSync(bin, fs.constants.X_OK); } catch { missing.push(bin); }
  }
  try { fs.accessSync(CHROMIUM, fs.constants.X_OK); } catch { missing.push(CHROMIUM); }
  return missing;
}

/** The page a foreign website would have, embedding the search box of `archiveUrl`. */
function embedPage(archiveUrl, lang) {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Member state portal (embedding test)</title>
<link rel="stylesheet" href="/host.css">
</head>
<body>
<header><p class="site">Ministry portal — another website</p></header>
<main>
<h1>Trata de personas</h1>
<p>This page is served from another origin and embeds the archive's search box.</p>
<div data-atip-searchbox data-lang="${lang}"></div>
</main>
<script src="${archiveUrl}/searchbox.js"></script>
</body>
</html>`;
}
// Hostile host styles: the shadow DOM must keep them out of the search box.
const HOST_CSS = `body{font-family:Georgia,serif;margin:2rem;max-width:50rem}
input{background:#ff00ff !important;font-size:40px}
label{display:none}
button{display:none}
li{color:#ff00ff}`;

function startEmbedServer() {
  let archiveUrl = null;
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname === '/host.css') {
      res.writeHead(200, { 'Content-Type': 'text/css' });
      res.end(HOST_CSS);
      return;
    }
    if (u.pathname === '/' || u.pathname === '/embed.html') {
      const lang = /^(en|es|pt|fr)$/.test(u.searchParams.get('lang') || '') ? u.searchParams.get('lang') : 'es';
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(embedPage(archiveUrl, lang));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        setArchive(url) { archiveUrl = url; },
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

function waitForListening(child, stderrLines, timeoutMs) {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      reject(new Error(`atip-server did not print its listening line within ${timeoutMs} ms\n${stderrLines.join('\n')}`));
    }, timeoutMs);
    rl.on('line', (line) => {
      const m = /^atip-server listening on (http:\/\/127\.0\.0\.1:(\d+))\s*$/.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`atip-server exited early (code ${code}, signal ${signal})\n${stderrLines.join('\n')}`));
    });
  });
}

// Without ../shared the tests that need it are skipped on a developer's machine; under CI (the CI
// variable set, as .ci/run sets it) a missing ../shared is a broken set-up, and they fail.
function hasLegislation() {
  let here = false;
  try { here = fs.statSync(path.join(LEGISLATION_DIR, 'MANIFEST.tsv')).isFile(); } catch { here = false; }
  if (!here && process.env.CI) throw new Error(`${LEGISLATION_DIR}/MANIFEST.tsv is missing, and CI runs every test`);
  return here;
}

async function startArchive(opts = {}) {
  const missing = missingPrograms();
  if (missing.length) throw new Error(`missing programs: ${missing.join(', ')} (build the project first, or set ATIP_INDEX_BIN / ATIP_SERVER_BIN)`);
  if (opts.legislation && !hasLegislation()) throw new Error(`${LEGISLATION_DIR}/MANIFEST.tsv is not there`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atip-e2e-'));
  const db = path.join(tmp, 'db');

  let indexArgs = ['--corpus', 'corpus', '--db', db];
  if (opts.legislation) {
    // Both folders under one corpus folder (atip-index follows symlinked folders); the
    // Work Plan, thesaurus, countries and organizations stay those of corpus/.
    const both = path.join(tmp, 'corpus');
    fs.mkdirSync(both);
    fs.symlinkSync(path.join(REPO, 'corpus'), path.join(both, 'oas'), 'dir');
    fs.symlinkSync(fs.realpathSync(LEGISLATION_DIR), path.join(both, 'legislation'), 'dir');
    // With { scanned: true }, the scanned work plan too (read by OCR: some 15 s).
    if (opts.scanned) fs.symlinkSync(fs.realpathSync(SCANNED_DIR), path.join(both, 'scanned'), 'dir');
    indexArgs = ['--corpus', both, '--db', db, '--reference', path.join(REPO, 'corpus'), '--jobs', '2', '--quiet'];
  }
  const idx = spawnSync(INDEX_BIN, indexArgs, { cwd: REPO, encoding: 'utf8', timeout: 240000 });
  if (idx.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`atip-index exited with ${idx.status}\n${idx.stdout}\n${idx.stderr}`);
  }

  const embed = await startEmbedServer();
  const stderrLines = [];
  const child = spawn(SERVER_BIN, [
    '--db', db, '--port', '0', '--bind', '127.0.0.1', '--web', WEB_DIR,
    // { cors: false }: the embedding origin is not allowed (suggestions from it are blocked)
    ...(opts.cors === false ? [] : ['--cors-origin', embed.origin]),
    ...(opts.serverArgs || []),
  ], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderrLines.push(...String(d).split('\n').filter(Boolean));
    if (stderrLines.length > 200) stderrLines.splice(0, stderrLines.length - 200);
  });
  let url;
  try {
    url = await waitForListening(child, stderrLines, 20000);
  } catch (e) {
    child.kill('SIGKILL');
    await embed.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  embed.setArchive(url);

  let stopped = false;
  return {
    url,
    embedOrigin: embed.origin,
    embedUrl: (lang) => `${embed.origin}/embed.html?lang=${lang || 'es'}`,
    serverLog: () => stderrLines.join('\n'),
    async api(pathAndQuery) {
      const r = await fetch(url + pathAndQuery, { headers: { Accept: 'application/json' } });
      const body = await r.text();
      if (!r.ok) throw new Error(`${pathAndQuery}: HTTP ${r.status} ${body}`);
      return JSON.parse(body);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(t);
      }
      await embed.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new page in its own context. Records problems in page.problems:
 * console errors, uncaught exceptions, CSP violations, dialogs (alert/confirm/prompt).
 */
async function openPage(browser, opts = {}) {
  const context = await browser.newContext({
    viewport: opts.viewport || { width: 1280, height: 900 },
    locale: opts.locale || 'en-US',
  });
  const page = await context.newPage();
  const problems = { console: [], errors: [], csp: [], dialogs: [] };
  page.problems = problems;
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy/i.test(text)) problems.csp.push(text);
    else if (msg.type() === 'error') problems.console.push(text);
  });
  page.on('pageerror', (err) => problems.errors.push(String(err && err.message || err)));
  page.on('dialog', (dialog) => { problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`); dialog.dismiss().catch(() => {}); });
  page.closeAll = () => context.close();
  return page;
}

/** Goes to an app URL and waits until the page has rendered its view. */
async function gotoApp(page, url) {
  await page.goto(url);
  await waitReady(page);
}
async function waitReady(page, view) {
  const sel = view ? `body[data-ready="${view}"]` : 'body[data-ready]';
  await page.waitForSelector(sel, { timeout: 15000 });
}

let axeSource = null;
/** Runs axe-core on the page; returns the violations of impact serious or critical. */
async function checkA11y(page, context) {
  if (!axeSource) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  // page.evaluate goes through the DevTools protocol, which the page's CSP does not block.
  if (!has) await page.evaluate(axeSource);
  const result = await page.evaluate(async (ctx) => {
    const r = await window.axe.run(ctx || document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\n').slice(0, 2).join(' ')),
    }));
  }, context || null);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function formatViolations(vs) {
  return vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
}

async function screenshot(page, name) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

/** Asserts nothing went wrong in the page (no JS errors, no CSP violations, no dialogs). */
function assertClean(assert, page) {
  const p = page.problems;
  assert.deepEqual(p.errors, [], 'uncaught exceptions in the page');
  assert.deepEqual(p.csp, [], 'Content-Security-Policy violations');
  assert.deepEqual(p.dialogs, [], 'dialogs opened by the page');
}

module.exports = {
  REPO, OUTPUT, INDEX_BIN, SERVER_BIN, CHROMIUM, LEGISLATION_DIR, WEB_DIR,
  missingPrograms, hasLegislation, startArchive, launchBrowser, openPage, gotoApp, waitReady,
  checkA11y, formatViolations, screenshot, assertClean,
};
