// A small HTTP client that checks every exchange against the contract and keeps what it saw.
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { baseMediaType } from './openapi.js';

export class Client {
  constructor(baseUrl, contract) {
    this.base = baseUrl;
    this.contract = contract;
    this.exchanges = [];
  }

  // path: "/api/v1/search"; query: object (array values repeat the parameter) or URLSearchParams.
  // offSpec: the request deliberately goes to a path the spec does not describe (an unknown route);
  // the caller checks the answer itself.
  async request(method, path, { query, headers = {}, body, timeoutMs = 30000, offSpec = false } = {}) {
    const url = new URL(path, this.base);
    if (query) {
      const entries = query instanceof URLSearchParams ? [...query] : Object.entries(query);
      for (const [k, v] of entries) {
        for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
      }
    }
    let res;
    try {
      res = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new Error(`${method} ${url.pathname}${url.search}: request failed: ${e.cause?.message || e.message}`);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const ex = { method, url, status: res.status, headers: res.headers, bytes, text };
    const ctype = baseMediaType(res.headers.get('content-type'));
    if (ctype === 'application/json') {
      try { ex.json = JSON.parse(text); } catch { ex.json = undefined; }
    }
    ex.problems = offSpec ? [] : this.contract.check({ method, url }, ex);
    this.exchanges.push(ex);
    return ex;
  }

  get(path, query, opts = {}) { return this.request('GET', path, { ...opts, query }); }
}

// Fails with every contract problem of the exchange, one a line.
export function assertContract(ex) {
  if (ex.problems.length) {
    assert.fail(`contract violations:\n  ${ex.problems.join('\n  ')}`);
  }
}

// The exchange keeps the contract and has one of the given statuses.
export function expectStatus(ex, ...statuses) {
  assertContract(ex);
  assert.ok(statuses.includes(ex.status),
    `${ex.method} ${ex.url.pathname}${ex.url.search}: status ${ex.status}, expected ${statuses.join(' or ')}; body: ${ex.text.slice(0, 300)}`);
  return ex;
}

// One request by node:http, which (unlike fetch) sends only the headers given and does not
// decompress: the answer's Content-Encoding and raw bytes are seen as the server sent them.
// Returns {method, url, status, headers (Headers), raw (bytes as sent), bytes and text (decoded
// per Content-Encoding: gzip, br, deflate), decodeError}.
export function rawRequest(baseUrl, method, path, { query, headers = {}, timeoutMs = 30000 } = {}) {
  const url = new URL(path, baseUrl);
  if (query) for (const [k, v] of Object.entries(query)) for (const one of [].concat(v)) url.searchParams.append(k, String(one));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, timeout: timeoutMs, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const raw = Buffer.concat(chunks);
        let bytes = raw;
        let decodeError = null;
        const coding = (h.get('content-encoding') || '').trim().toLowerCase();
        try {
          if (coding === 'gzip') bytes = zlib.gunzipSync(raw);
          else if (coding === 'br') bytes = zlib.brotliDecompressSync(raw);
          else if (coding === 'deflate') bytes = zlib.inflateSync(raw);
        } catch (e) {
          decodeError = `${coding} body does not decompress: ${e.message}`;
        }
        resolve({ method, url, status: res.statusCode, headers: h, raw, bytes, text: bytes.toString('utf8'), decodeError });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

// The tokens of a comma-separated header value (Vary, Allow, Access-Control-Expose-Headers).
export function headerList(value) {
  return (value || '').split(',').map((s) => s.trim()).filter(Boolean);
}
