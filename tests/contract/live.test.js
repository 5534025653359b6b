// Live responses of atip-server against schemas/openapi.yaml (see lib/server.js for how the server
// is found or started). Every exchange must have a documented status, a documented content type and
// a body valid against the documented schema; a few behaviours of shared/API.md that a schema cannot
// express (filters obeyed, ordering, the 62 items, Range arithmetic) are checked alongside.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Contract, baseMediaType } from './lib/openapi.js';
import { startServer } from './lib/server.js';
import { Client, assertContract, expectStatus, rawRequest, headerList } from './lib/client.js';

const contract = new Contract();
let server;
let api;
const docs = new Map(); // id -> GET /documents/{id} body
let docIds = [];

const SEARCH = '/api/v1/search';

function noFailures(failures) {
  if (failures.length) assert.fail(`${failures.length} failure(s):\n  ${failures.join('\n  ')}`);
}
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function search(query) {
  return api.get(SEARCH, query);
}

// The ids of every document the search facets reveal: for each value of the `type` facet (every
// document has a type), page through the hits with that filter.
async function discoverDocuments() {
  // Only status and shape needed here: the search tests report contract violations of search.
  const ok = (r) => r.status === 200 && r.json && Array.isArray(r.json.hits) && r.json.facets && Array.isArray(r.json.facets.type);
  let base = {};
  let first = await search({ size: 1 });
  if (!ok(first) || first.json.total === 0) {
    base = { q: 'trafficking' };
    first = await search({ ...base, size: 1 });
  }
  assert.ok(ok(first), `search for documents failed: ${first.status} ${first.text.slice(0, 300)}`);
  const ids = new Set();
  for (const { value } of first.json.facets.type) {
    for (let page = 1; page <= 50; page++) {
      const r = await search({ ...base, type: value, size: 100, page });
      assert.ok(ok(r), `search type=${value} failed: ${r.status} ${r.text.slice(0, 300)}`);
      for (const h of r.json.hits) ids.add(h.id);
      if (r.json.hits.length < 100 || page * 100 >= r.json.total) break;
    }
  }
  return [...ids].sort();
}

function checkSearchBody(ex, query) {
  const b = ex.json;
  const size = Number(query.size ?? 10);
  assert.ok(b.hits.length <= b.size, `hits.length ${b.hits.length} > size ${b.size}`);
  if (query.page) assert.equal(b.page, Number(query.page), 'page echoes the request');
  else assert.equal(b.page, 1, 'page defaults to 1');
  if (size <= 100) assert.equal(b.size, size, 'size echoes the request (default 10)');
  if (!/[\u0000-\u001f]/.test(query.q ?? '')) assert.equal(b.query.q, query.q ?? '', 'query.q echoes q');
  assert.ok(b.total >= b.hits.length + (b.page - 1) * b.size || b.hits.length === 0, `total ${b.total} is below what the pages hold`);
  if ((query.group ?? 'document') === 'document') {
    const ids = b.hits.map((h) => h.id);
    assert.equal(new Set(ids).size, ids.length, `group=document returns one hit per document: ${ids}`);
  }
  for (const h of b.hits) {
    const s = h.passage.snippet;
    const rest = s.replace(/<\/?mark>/g, '');
    assert.ok(!/[<>]/.test(rest), `snippet has markup other than <mark>: ${s}`);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(rest), `snippet has an unescaped &: ${s}`);
    if (query.include === 'text') assert.equal(typeof h.passage.text, 'string', `include=text: hit ${h.id} has passage.text`);
    else assert.equal(h.passage.text, undefined, `without include=text, hit ${h.id} has no passage.text`);
  }
  for (const [facet, values] of Object.entries(b.facets)) {
    const v = values.map((x) => x.value);
    assert.equal(new Set(v).size, v.length, `facet ${facet} lists a value twice`);
  }
}

async function checkedSearch(query, ...statuses) {
  const ex = await search(query);
  expectStatus(ex, ...(statuses.length ? statuses : [200]));
  if (ex.status === 200) checkSearchBody(ex, query);
  return ex;
}

describe('atip-server keeps the contract (schemas/openapi.yaml)', { timeout: 15 * 60 * 1000 }, () => {
  before(async () => {
    server = await startServer();
    api = new Client(server.url, contract);
  });

  after(async () => {
    if (server) await server.stop();
  });

  describe('health and metrics', () => {
    it('GET /api/v1/health', async () => {
      const r = expectStatus(await api.get('/api/v1/health'), 200);
      assert.ok(r.json.documents > 0, 'the index holds documents');
      assert.ok(r.json.passages >= r.json.documents, 'at least one passage per document');
    });

    it('GET /metrics is Prometheus text', async () => {
      const r = expectStatus(await api.get('/metrics'), 200);
      const lines = r.text.split('\n').filter((l) => l.trim() !== '');
      assert.ok(lines.length > 0, 'metrics are not empty');
      const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?([0-9.eE+-]+|NaN|\+Inf|-Inf)( -?\d+)?$/;
      const comment = /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$|^#( .*)?$/;
      const bad = lines.filter((l) => !sample.test(l) && !comment.test(l));
      assert.deepEqual(bad, [], 'every line is a sample or a comment of the text exposition format');
      assert.ok(lines.some((l) => sample.test(l)), 'at least one sample');
    });
  });

  describe('search', () => {
    const combos = [
      { q: 'trafficking' },
      { q: 'police academies', size: 5 },
      { q: 'border controls', page: 2, size: 2 },
      { q: '"comprehensive protection systems for children"' },
      { q: 'campaña internacional' },
      { q: 'formation des policiers' },
      { q: 'corrupción', group: 'passage' },
      { q: 'victims', type: 'work-plan' },
      { q: 'roundtable', year: '2013' },
      { q: 'trafficking', year: '2010..2014' },
      { q: 'trafficking', year: ['2004..2007', '2014'] },
      { q: 'trafficking', type: ['report', 'activities'], language: 'en', jurisdiction: 'INT' },
      { q: 'trafficking', country: ['GT', 'PY'] },
      { q: 'trafficking', link: 'mandate:2' },
      { q: 'trafficking', link: ['activity:1', 'mandate:7'] },
      { q: 'trafficking', org: 'iom' },
      { q: 'trafficking', language: ['es', 'en'], group: 'passage' },
      { q: 'police training', group: 'passage', include: 'text', size: 20 },
      { q: 'trafficking', include: 'text' },
      { q: 'trafficking', sort: 'date' },
      { q: 'trafficking', sort: '-date', group: 'passage' },
      { q: 'trafficking', sort: 'relevance', size: 100 },
      { q: 'police AND training' },
      { q: 'police OR border' },
      { q: 'trafficking NOT police' },
      { q: 'trafficking -police' },
      { q: 'title:report' },
      { q: 'symbol:"CP/CSH-9902/12"' },
      { q: 'type:report trafficking' },
      { q: 'country:PY' },
      { q: 'lang:es' },
      { q: 'TRÁFICO de PERSONAS' },
      { q: 'zzzzqqqxxy' },
    ];
    for (const query of combos) {
      it(`GET ${SEARCH}?${new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])))}`, async () => {
        const r = await checkedSearch(query);
        const b = r.json;
        const want = (k) => (query[k] === undefined ? null : [].concat(query[k]));
        for (const h of b.hits) {
          if (want('type')) assert.ok(want('type').includes(h.type), `type filter ${want('type')}: hit ${h.id} is ${h.type}`);
          if (want('jurisdiction')) assert.ok(want('jurisdiction').includes(h.jurisdiction), `jurisdiction filter: hit ${h.id} is ${h.jurisdiction}`);
          if (want('language') && query.group === 'passage') {
            assert.ok(want('language').includes(h.passage.language), `language filter ${want('language')}: passage ${h.id}#${h.passage.n} is ${h.passage.language}`);
          }
        }
      });
    }

    it('sort=date orders hits oldest first, -date newest first', async () => {
      for (const [sort, sign] of [['date', 1], ['-date', -1]]) {
        const r = await checkedSearch({ q: 'trafficking', sort, size: 50 });
        const dates = r.json.hits.map((h) => h.date).filter((d) => d !== null);
        for (let i = 1; i < dates.length; i++) {
          assert.ok(sign * dates[i - 1].localeCompare(dates[i]) <= 0, `sort=${sort}: ${dates[i - 1]} before ${dates[i]}`);
        }
      }
    });

    it('a misspelt query gets a correction', async () => {
      const r = await checkedSearch({ q: 'traficking' });
      assert.equal(typeof r.json.query.corrected, 'string', `query.corrected for "traficking" is ${JSON.stringify(r.json.query.corrected)}`);
      assert.match(fold(r.json.query.corrected), /trafficking/);
      const ok = await checkedSearch({ q: 'trafficking' });
      assert.equal(ok.json.query.corrected, null, 'a well-spelt query has corrected: null');
    });

    it('group=passage hits carry the passage that include=text returns in full', async () => {
      const r = await checkedSearch({ q: 'police', group: 'passage', include: 'text', size: 5 });
      assert.ok(r.json.hits.length > 0, 'police is found');
      for (const h of r.json.hits.slice(0, 3)) {
        const p = expectStatus(await api.get(`/api/v1/documents/${h.id}/passages/${h.passage.n}`), 200);
        assert.equal(p.json.text, h.passage.text, `${h.id}#${h.passage.n}: hit text equals the passage's text`);
        assert.equal(p.json.language, h.passage.language);
        assert.equal(p.json.date, h.passage.date);
      }
    });

    it('a passage that names a country lists it in countries, and the country filter finds it', async () => {
      const r = await checkedSearch({ q: 'Belize Grenada Suriname', group: 'passage', include: 'text', size: 10 });
      const hit = r.json.hits.find((h) => /Belize/.test(h.passage.text));
      assert.ok(hit, 'a passage naming Belize is found');
      const p = expectStatus(await api.get(`/api/v1/documents/${hit.id}/passages/${hit.passage.n}`), 200);
      assert.ok(p.json.countries.includes('BZ'), `${hit.id}#${hit.passage.n} names Belize but its countries are ${JSON.stringify(p.json.countries)}`);
      const f = await checkedSearch({ q: 'trafficking', country: 'BZ' });
      assert.ok(f.json.total > 0, 'country=BZ finds the passages naming Belize');
    });

    it('no query text: filters alone either list documents or are refused with 400', async () => {
      await checkedSearch({ type: 'report' }, 200, 400);
      await checkedSearch({ q: '' }, 200, 400);
    });

    it('malformed queries answer 200 or 400, never 500', async () => {
      for (const q of ['(((', '"', 'AND', 'NOT', 'OR OR', '-', 'title:', 'type:nonsense', 'country:', '"unbalanced phrase',
        '*', 'a'.repeat(2000), '<script>alert(1)</script>', '%00', '\u0000', '😀 emoji', 'policía'.repeat(50), 'symbol:"AG/RES. 2551 (XL-O/10)"']) {
        await checkedSearch({ q }, 200, 400);
      }
    });
  });

  describe('documents', () => {
    before(async () => {
      docIds = await discoverDocuments();
    });

    it('the search facets reveal every document of the index', async () => {
      assert.ok(docIds.length > 0, 'documents were found');
      const h = expectStatus(await api.get('/api/v1/health'), 200);
      assert.ok(docIds.length <= h.json.documents, `${docIds.length} ids found, health says ${h.json.documents}`);
    });

    it('GET /api/v1/documents/{id} for every document', async () => {
      const failures = [];
      for (const id of docIds) {
        const r = await api.get(`/api/v1/documents/${id}`);
        try {
          expectStatus(r, 200);
          const d = r.json;
          docs.set(id, d);
          assert.equal(d.id, id);
          assert.equal(d.file.url, `/api/v1/documents/${id}/file`);
          const ns = d.passages.map((p) => p.n);
          assert.deepEqual(ns, [...ns].sort((a, b) => a - b), 'passages in order');
          assert.equal(new Set(ns).size, ns.length, 'passage numbers unique');
          for (const [item, list] of Object.entries(d.links)) {
            for (const n of list) assert.ok(ns.includes(n), `links[${item}] names passage ${n}, which is not listed`);
          }
          for (const l of d.link_details) {
            assert.ok(d.links[l.item]?.includes(l.passage), `link_details ${l.item}#${l.passage} is missing from links`);
          }
          for (const p of d.passages) {
            for (const item of p.links) assert.ok(d.links[item]?.includes(p.n), `passage ${p.n} links ${item} but links[${item}] lacks it`);
          }
          if (d.date !== null && d.year !== null) assert.equal(d.year, Number(d.date.slice(0, 4)), 'year is the year of date');
          if (d.year !== null && d.years.length) assert.ok(d.years.includes(d.year), `years ${d.years} include year ${d.year}`);
          if (d.symbol !== null) assert.ok(d.symbols.includes(d.symbol), 'symbols include symbol');
        } catch (e) {
          failures.push(`${id}: ${e.message}`);
        }
      }
      noFailures(failures);
    });

    it('cites resolve to documents that exist and cited_by is symmetric', async () => {
      for (const [id, d] of docs) {
        for (const c of d.cites) {
          if (c.id === null) continue;
          assert.ok(docs.has(c.id) || (await api.get(`/api/v1/documents/${c.id}`)).status === 200, `${id} cites ${c.symbol} as ${c.id}, which does not exist`);
          if (docs.has(c.id)) assert.ok(docs.get(c.id).cited_by.includes(id), `${c.id}.cited_by lacks ${id}, which cites it`);
        }
        for (const other of d.cited_by) {
          if (docs.has(other)) assert.ok(docs.get(other).cites.some((c) => c.id === id), `${id}.cited_by names ${other}, whose cites lack ${id}`);
        }
      }
    });

    it('GET /api/v1/documents/{id}/passages/{n}: first, last and linked passages', async () => {
      const failures = [];
      for (const [id, d] of docs) {
        const ns = new Set();
        if (d.passages.length) {
          ns.add(d.passages[0].n);
          ns.add(d.passages[d.passages.length - 1].n);
        }
        for (const l of d.link_details.slice(0, 2)) ns.add(l.passage);
        for (const n of ns) {
          const r = await api.get(`/api/v1/documents/${id}/passages/${n}`);
          try {
            expectStatus(r, 200);
            assert.equal(r.json.id, id);
            assert.equal(r.json.n, n);
            const summary = d.passages.find((p) => p.n === n);
            if (summary) {
              for (const k of ['page', 'heading', 'article', 'caption', 'language', 'date']) assert.deepEqual(r.json[k], summary[k], `${k} as in the document's passage list`);
              assert.deepEqual(r.json.links.map((l) => l.item).sort(), [...summary.links].sort(), 'links as in the passage list');
            }
          } catch (e) {
            failures.push(`${id}#${n}: ${e.message}`);
          }
        }
      }
      noFailures(failures);
    });

    it('GET /api/v1/documents/{id}/outline: every passage once, under the steps of its own path', async () => {
      const failures = [];
      for (const [id, d] of docs) {
        try {
          const o = expectStatus(await api.get(`/api/v1/documents/${id}/outline`), 200).json;
          assert.equal(o.document.id, id);
          const under = new Map();  // passage -> the steps above it in the tree
          const walk = (nodes, steps) => {
            for (const node of nodes) {
              const here = [...steps, { kind: node.kind, label: node.label, caption: node.caption }];
              const own = [...node.passages, ...collect(node.children)];
              assert.equal(node.passage, Math.min(...own), `${node.kind} ${node.label}: passage is the first under it`);
              for (const n of node.passages) under.set(n, here);
              walk(node.children, here);
            }
          };
          const collect = (nodes) => nodes.flatMap((n) => [...n.passages, ...collect(n.children)]);
          for (const n of o.passages) under.set(n, []);
          walk(o.outline, []);
          const all = [...o.passages, ...collect(o.outline)];
          assert.equal(all.length, d.passages.length, 'as many passages as the document has');
          assert.deepEqual([...all].sort((a, b) => a - b), d.passages.map((p) => p.n), 'each passage once');
          let articles = 0;
          const count = (nodes) => nodes.forEach((n) => { if (n.kind === 'article') ++articles; count(n.children); });
          count(o.outline);
          assert.equal(o.articles, articles, 'articles counts the article nodes');
          for (const p of d.passages) {
            const steps = under.get(p.n);
            const last = steps[steps.length - 1];
            if (p.article !== null) assert.deepEqual(last, { kind: 'article', label: p.article, caption: p.caption }, `passage ${p.n} is under its article`);
          }
          for (const n of [d.passages[0]?.n, d.passages[d.passages.length - 1]?.n].filter(Boolean)) {
            const passage = expectStatus(await api.get(`/api/v1/documents/${id}/passages/${n}`), 200).json;
            assert.deepEqual(passage.path, under.get(n), `passage ${n}'s path is its place in the outline`);
          }
        } catch (e) {
          failures.push(`${id}: ${e.message}`);
        }
      }
      noFailures(failures);
    });

    it('GET /api/v1/documents/{id}/file: 200, 304 with If-None-Match, 206 with Range, 416', async () => {
      const failures = [];
      for (const [id, d] of docs) {
        try {
          const path = `/api/v1/documents/${id}/file`;
          const full = expectStatus(await api.get(path), 200);
          assert.equal(baseMediaType(full.headers.get('content-type')), baseMediaType(d.file.content_type), 'content type as in file.content_type');
          assert.equal(full.bytes.length, d.file.size, 'body length is file.size');
          const etag = full.headers.get('etag');
          assert.ok(etag, 'ETag sent');

          const same = expectStatus(await api.get(path, undefined, { headers: { 'If-None-Match': etag } }), 304);
          assert.equal(same.bytes.length, 0, '304 has no body');
          const other = await api.get(path, undefined, { headers: { 'If-None-Match': '"not-the-etag"' } });
          expectStatus(other, 200);

          const size = d.file.size;
          const part = expectStatus(await api.get(path, undefined, { headers: { Range: 'bytes=0-99' } }), 206);
          const last = Math.min(99, size - 1);
          assert.equal(part.headers.get('content-range'), `bytes 0-${last}/${size}`);
          assert.ok(part.bytes.equals(full.bytes.subarray(0, last + 1)), 'the range holds the first bytes');

          const tail = expectStatus(await api.get(path, undefined, { headers: { Range: 'bytes=-10' } }), 206);
          assert.equal(tail.headers.get('content-range'), `bytes ${size - 10}-${size - 1}/${size}`);
          assert.ok(tail.bytes.equals(full.bytes.subarray(size - 10)), 'the suffix range holds the last bytes');

          const open = expectStatus(await api.get(path, undefined, { headers: { Range: `bytes=${size - 5}-` } }), 206);
          assert.equal(open.bytes.length, 5);

          const beyond = expectStatus(await api.get(path, undefined, { headers: { Range: `bytes=${size + 10}-${size + 20}` } }), 416);
          assert.equal(beyond.headers.get('content-range'), `bytes */${size}`);
        } catch (e) {
          failures.push(`${id}: ${e.message}`);
        }
      }
      noFailures(failures);
    });
  });

  describe('work plan', () => {
    let items;
    it('GET /api/v1/workplan lists the 62 items', async () => {
      const r = expectStatus(await api.get('/api/v1/workplan'), 200);
      items = r.json.items;
      const expected = [];
      for (let n = 1; n <= 52; n++) expected.push(`activity:${n}`);
      for (let n = 1; n <= 10; n++) expected.push(`mandate:${n}`);
      assert.deepEqual(items.map((i) => i.id).sort(), expected.sort());
      for (const i of items) {
        assert.equal(i.id, `${i.kind}:${i.number}`);
        const pillar = i.kind === 'mandate' ? 'general-secretariat' : i.number <= 18 ? 'prevention' : i.number <= 30 ? 'prosecution' : 'protection';
        assert.equal(i.pillar, pillar, `${i.id} pillar`);
        assert.ok(i.passages >= i.documents, `${i.id}: passages ${i.passages} >= documents ${i.documents}`);
      }
    });

    it('GET /api/v1/coverage: the jurisdiction x item matrix, also for one pillar and as CSV', async () => {
      const all = expectStatus(await api.get('/api/v1/coverage'), 200).json;
      assert.equal(all.items.length, 62);
      assert.ok(all.cells.length > 0, 'some item has evidence');
      const protection = expectStatus(await api.get('/api/v1/coverage?pillar=protection'), 200).json;
      assert.ok(protection.items.every((i) => i.pillar === 'protection'));
      // The cells of an item add up to its evidence page: every linked passage has one jurisdiction.
      const list = items ?? expectStatus(await api.get('/api/v1/workplan'), 200).json.items;
      const jurisdictionOf = new Map();
      const docs_of = (j) => new Set([...jurisdictionOf].filter(([, v]) => v === j).map(([k]) => k));
      for (const item of list.filter((i) => i.passages > 0)) {
        const cells = all.cells.filter((c) => c.item === item.id);
        const evidence = expectStatus(await api.get(`/api/v1/workplan/${item.id}`), 200).json.evidence;
        for (const e of evidence) {
          if (!jurisdictionOf.has(e.id)) jurisdictionOf.set(e.id, expectStatus(await api.get(`/api/v1/documents/${e.id}`), 200).json.jurisdiction);
        }
        assert.equal(cells.reduce((n, c) => n + c.passages, 0), evidence.length, `${item.id}: cells sum to its evidence`);
        for (const c of cells) {
          const docs = new Set(evidence.filter((e) => docs_of(c.jurisdiction).has(e.id)).map((e) => e.id));
          assert.equal(c.documents, docs.size, `${item.id} × ${c.jurisdiction}: documents as on its evidence page`);
        }
      }
      const csv = expectStatus(await api.get('/api/v1/coverage?format=csv'), 200);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      expectStatus(await api.get('/api/v1/coverage?pillar=none'), 400);
    });

    it('GET /api/v1/compare: provisions side by side on words, an item or a passage', async () => {
      const byItem = expectStatus(await api.get('/api/v1/compare', { item: 'mandate:7', type: 'report' }), 200).json;
      assert.equal(byItem.subject.kind, 'item');
      assert.equal(byItem.subject.item.id, 'mandate:7');
      assert.ok(byItem.jurisdictions.length > 0, 'the reports serve mandate 7');
      for (const col of byItem.jurisdictions) {
        assert.ok(col.provisions.length <= byItem.per, `${col.jurisdiction}: at most per provisions`);
        for (const p of col.provisions) {
          assert.equal(p.document.type, 'report');
          assert.ok(p.why.links.some((l) => l.item === 'mandate:7'), `${p.permalink} links to mandate:7`);
          assert.equal(p.passage.highlighted.replace(/<\/?mark>/g, '').includes('<'), false, 'only <mark> is markup');
        }
      }
      const byWords = expectStatus(await api.get('/api/v1/compare', { q: 'trafficking', type: 'report', per: '2', lang: 'en' }), 200).json;
      assert.equal(byWords.subject.q, 'trafficking');
      const first = byWords.jurisdictions[0].provisions[0];
      assert.ok(first.why.words.some((w) => /^trafficking$/i.test(w)), `why.words: ${first.why.words}`);
      const [doc, n] = [first.document.id, first.passage.n];
      const byPassage = expectStatus(await api.get('/api/v1/compare', { passage: `${doc}/${n}`, type: 'report' }), 200).json;
      assert.equal(byPassage.subject.passage.document.id, doc);
      for (const col of byPassage.jurisdictions) for (const p of col.provisions) assert.notEqual(p.document.id, doc, 'not compared with itself');
      const columns = expectStatus(await api.get('/api/v1/compare', { q: 'trafficking', jurisdiction: 'ZZ,INT' }), 200).json;
      assert.deepEqual(columns.jurisdictions.map((c) => c.jurisdiction), ['ZZ', 'INT']);
      expectStatus(await api.get('/api/v1/compare'), 400);
      expectStatus(await api.get('/api/v1/compare', { q: 'a', item: 'mandate:7' }), 400);
      expectStatus(await api.get('/api/v1/compare', { item: 'activity:999' }), 404);
      expectStatus(await api.get('/api/v1/compare', { passage: 'no-such-doc/1' }), 404);
      expectStatus(await api.get('/api/v1/compare', { q: 'a', per: '0' }), 400);
    });

    it('GET /api/v1/workplan/{item}: items with and without evidence, newest document first', async () => {
      const list = items ?? expectStatus(await api.get('/api/v1/workplan'), 200).json.items;
      const linked = list.filter((i) => i.passages > 0).slice(0, 3);
      const unlinked = list.filter((i) => i.passages === 0).slice(0, 1);
      assert.ok(linked.length > 0, 'some item has evidence');
      for (const i of [...linked, ...unlinked, list[0], list[list.length - 1]]) {
        const r = expectStatus(await api.get(`/api/v1/workplan/${i.id}`), 200);
        assert.deepEqual(r.json.item, i, `${i.id}: item as in the list`);
        assert.equal(r.json.evidence.length, i.passages, `${i.id}: evidence count is the item's passages`);
        assert.equal(new Set(r.json.evidence.map((e) => e.id)).size, i.documents, `${i.id}: evidence documents are the item's documents`);
        const dates = r.json.evidence.map((e) => e.date).filter((d) => d !== null);
        for (let k = 1; k < dates.length; k++) assert.ok(dates[k - 1] >= dates[k], `${i.id}: evidence newest first (${dates[k - 1]} before ${dates[k]})`);
        for (const e of r.json.evidence) assert.equal(e.permalink, `/api/v1/documents/${e.id}/passages/${e.passage.n}`);
      }
    });

    it('GET /api/v1/workplan/{item}?format=csv|markdown|json', async () => {
      const list = items ?? expectStatus(await api.get('/api/v1/workplan'), 200).json.items;
      const item = list.find((i) => i.passages > 0) ?? list[0];
      const csv = expectStatus(await api.get(`/api/v1/workplan/${item.id}`, { format: 'csv' }), 200);
      assert.equal(baseMediaType(csv.headers.get('content-type')), 'text/csv');
      const header = csv.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      assert.equal(header, 'item,document,title,symbol,date,page,passage,method,score,status,permalink,text');
      const md = expectStatus(await api.get(`/api/v1/workplan/${item.id}`, { format: 'markdown' }), 200);
      assert.equal(baseMediaType(md.headers.get('content-type')), 'text/markdown');
      assert.ok(md.text.trim().length > 0);
      const json = expectStatus(await api.get(`/api/v1/workplan/${item.id}`, { format: 'json' }), 200);
      assert.equal(baseMediaType(json.headers.get('content-type')), 'application/json');
      expectStatus(await api.get(`/api/v1/workplan/${item.id}`, { format: 'xml' }), 400);
    });
  });

  describe('suggest', () => {
    for (const query of [{ q: 'pol', lang: 'es' }, { q: 'pol' }, { q: 'traf', lang: 'en' }, { q: 'POLI' }, { q: 'campa', lang: 'pt' }, { q: 'zzzzqqq' }]) {
      it(`GET /api/v1/suggest?${new URLSearchParams(query)}`, async () => {
        const r = expectStatus(await api.get('/api/v1/suggest', query), 200);
        assert.equal(r.json.q, query.q);
        for (const s of r.json.suggestions) {
          const words = fold(s).split(/[^\p{L}\p{N}]+/u);
          assert.ok(words.some((w) => w.startsWith(fold(query.q))) || fold(s).startsWith(fold(query.q)),
            `suggestion "${s}" completes "${query.q}"`);
        }
      });
    }
    it('GET /api/v1/suggest without q or with an unknown lang: 200 or 400', async () => {
      expectStatus(await api.get('/api/v1/suggest'), 200, 400);
      expectStatus(await api.get('/api/v1/suggest', { q: 'pol', lang: 'xx' }), 200, 400);
    });
  });

  describe('errors', () => {
    const bad400 = [
      { q: 'trafficking', page: '0' },
      { q: 'trafficking', page: 'abc' },
      { q: 'trafficking', page: '-1' },
      { q: 'trafficking', page: '1.5' },
      { q: 'trafficking', size: '0' },
      { q: 'trafficking', size: 'ten' },
      { q: 'trafficking', sort: 'bogus' },
      { q: 'trafficking', group: 'bogus' },
      { q: 'trafficking', include: 'bogus' },
      { q: 'trafficking', year: 'abc' },
      { q: 'trafficking', year: '2014..' },
      { q: 'trafficking', link: 'mandate' },
      { q: 'trafficking', language: 'xx' },
      { q: 'trafficking', type: 'bogus' },
      { q: 'trafficking', jurisdiction: 'Paraguay' },
    ];
    for (const query of bad400) {
      it(`GET ${SEARCH}?${new URLSearchParams(query)} -> 400`, async () => {
        expectStatus(await search(query), 400);
      });
    }

    it('size above 100 is refused (400) or capped at 100', async () => {
      const r = expectStatus(await search({ q: 'trafficking', size: '1000' }), 200, 400);
      if (r.status === 200) assert.ok(r.json.size <= 100);
    });

    it('a page past the end is an empty page, not an error', async () => {
      const r = await checkedSearch({ q: 'trafficking', page: 9999 }, 200, 400);
      if (r.status === 200) assert.equal(r.json.hits.length, 0);
    });

    it('unknown ids answer 404', async () => {
      const id = docIds[0] ?? 'gs-report-2010-2012';
      for (const path of ['/api/v1/documents/no-such-document', '/api/v1/documents/no-such-document/file',
        '/api/v1/documents/no-such-document/passages/1', `/api/v1/documents/${id}/passages/999999`,
        '/api/v1/workplan/activity:99', '/api/v1/workplan/mandate:11', '/api/v1/workplan/activity:0']) {
        expectStatus(await api.get(path), 404);
      }
    });

    it('malformed ids answer 400 or 404', async () => {
      const id = docIds[0] ?? 'gs-report-2010-2012';
      for (const path of ['/api/v1/documents/NOT_AN_ID', '/api/v1/documents/%2e%2e', '/api/v1/documents/..%2f..%2fetc%2fpasswd/file',
        `/api/v1/documents/${id}/passages/0`, `/api/v1/documents/${id}/passages/abc`, `/api/v1/documents/${id}/passages/-1`,
        '/api/v1/workplan/foo', '/api/v1/workplan/activity:x', '/api/v1/workplan/%00']) {
        const inSpec = contract.matchPath(new URL(path, 'http://x').pathname) !== null;
        const r = await api.get(path, undefined, { offSpec: !inSpec });
        if (inSpec) expectStatus(r, 400, 404);
        else {
          assert.ok([400, 404].includes(r.status), `${path}: ${r.status}`);
          assert.equal(contract.schemaValidator('Error')(r.json), true, `${path}: body is an Error: ${r.text.slice(0, 200)}`);
        }
      }
    });

    it('an unknown route answers 404 with an Error body', async () => {
      const r = await api.get('/api/v1/no-such-endpoint', undefined, { offSpec: true });
      assert.equal(r.status, 404);
      assert.equal(baseMediaType(r.headers.get('content-type')), 'application/json');
      const v = contract.schemaValidator('NotFoundError');
      assert.ok(v(r.json), `body: ${r.text.slice(0, 200)}`);
    });

    it('writes without a valid bearer token answer 401 and change nothing', async () => {
      // Against a server we did not start, aim at an id that does not exist, so that a server that
      // wrongly skips the check cannot delete real data.
      const victim = server.external ? 'contract-test-no-such-document' : (docIds[0] ?? 'gs-report-2010-2012');
      const before = await api.get('/api/v1/health');
      const path = `/api/v1/documents/${victim}`;
      expectStatus(await api.request('DELETE', path), 401);
      expectStatus(await api.request('DELETE', path, { headers: { Authorization: 'Bearer wrong-token' } }), 401);
      expectStatus(await api.request('DELETE', path, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }), 401);
      const form = new FormData();
      form.append('file', new Blob(['contract test'], { type: 'text/plain' }), 'contract-test.txt');
      expectStatus(await api.request('POST', '/api/v1/documents', { body: form }), 401);
      const form2 = new FormData();
      form2.append('file', new Blob(['contract test'], { type: 'text/plain' }), 'contract-test.txt');
      expectStatus(await api.request('POST', '/api/v1/documents', { body: form2, headers: { Authorization: 'Bearer wrong-token' } }), 401);
      const after = expectStatus(await api.get('/api/v1/health'), 200);
      assert.deepEqual(after.json, before.json, 'health (documents, passages, revision) unchanged');
      if (!server.external) expectStatus(await api.get(path), 200);
      expectStatus(await api.get('/api/v1/documents/contract-test'), 404);
    });
  });

  describe('archive and feeds', () => {
    it('a corpus document has no archived versions: 404', async () => {
      const id = docIds[0] ?? 'gs-report-2010-2012';
      expectStatus(await api.get(`/api/v1/documents/${id}/versions`), 404);
      expectStatus(await api.get(`/api/v1/documents/${id}/versions/1/file`), 404);
      expectStatus(await api.get('/api/v1/documents/no-such-document/versions'), 404);
    });

    it('writes with a valid token on a server without a data folder answer 503 and change nothing', async () => {
      if (server.external || !server.token) return;
      const before = await api.get('/api/v1/health');
      const auth = { Authorization: `Bearer ${server.token}` };
      const form = new FormData();
      form.append('file', new Blob(['contract test'], { type: 'text/plain' }), 'contract-test.txt');
      form.append('id', 'contract-test');
      expectStatus(await api.request('POST', '/api/v1/documents', { body: form, headers: auth }), 503);
      const id = docIds[0] ?? 'gs-report-2010-2012';
      expectStatus(await api.request('DELETE', `/api/v1/documents/${id}`, { headers: auth }), 503);
      expectStatus(await api.request('POST', `/api/v1/documents/${id}/restore`, { headers: auth }), 503);
      const after = expectStatus(await api.get('/api/v1/health'), 200);
      assert.deepEqual(after.json, before.json, 'health (documents, passages, revision) unchanged');
      expectStatus(await api.get(`/api/v1/documents/${id}`), 200);
    });

    for (const path of ['/api/v1/feeds/documents', '/api/v1/feeds/workplan/mandate:2', '/api/v1/feeds/search?q=trafficking&type=report']) {
      it(`GET ${path} is an Atom feed`, async () => {
        const url = new URL(path, 'http://x');
        const r = expectStatus(await api.get(url.pathname, Object.fromEntries(url.searchParams)), 200);
        assert.equal(baseMediaType(r.headers.get('content-type')), 'application/atom+xml');
        assert.match(r.text, /^<\?xml version="1\.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
        for (const el of ['id', 'title', 'updated']) assert.match(r.text, new RegExp(`<${el}[ >]`), `feed has <${el}>`);
        assert.match(r.text, /<link rel="self"/);
      });
    }

    it('feeds refuse bad parameters and unknown items', async () => {
      expectStatus(await api.get('/api/v1/feeds/workplan/activity:99'), 404);
      expectStatus(await api.get('/api/v1/feeds/documents', { size: 1000 }), 400);
      expectStatus(await api.get('/api/v1/feeds/search', { q: 'x', sort: 'sideways' }), 400);
    });
  });

  // ------------------------------------------------------------ HTTP conventions (methods, caching,
  // compression, CORS, writes that change nothing): see the conventions in openapi.yaml's info.
  describe('methods: 405 with Allow, OPTIONS', () => {
    const OPS = ['get', 'put', 'post', 'delete', 'patch'];
    const TRY = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];
    const specMethods = (template) => OPS.filter((m) => contract.spec.paths[template][m]).map((m) => m.toUpperCase());
    const expectedAllow = (template) => {
      const ms = specMethods(template);
      return [...ms, ...(ms.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].sort();
    };
    let id;
    const concrete = (template) => template.replace('{id}', id).replace('{n}', '1').replace('{item}', 'mandate:2');
    before(async () => {
      id = docIds[0] ?? (await discoverDocuments())[0] ?? 'gs-report-2010-2012';
    });
    // The Allow header names each method once, and exactly the path's.
    const allowProblems = (ex, template) => {
      const got = headerList(ex.headers.get('allow'));
      const out = [];
      if (!ex.headers.has('allow')) return ['no Allow header'];
      if (new Set(got).size !== got.length) out.push(`Allow lists a method twice: '${ex.headers.get('allow')}'`);
      const want = expectedAllow(template);
      if (JSON.stringify([...new Set(got)].sort()) !== JSON.stringify(want)) out.push(`Allow '${ex.headers.get('allow')}', expected ${want.join(', ')}`);
      return out;
    };
    // A request answered 429 is tried again after Retry-After (at most 3 times).
    const request = async (method, path) => {
      for (let attempt = 0; ; attempt++) {
        const ex = await api.request(method, path, { offSpec: true });
        if (ex.status !== 429 || attempt === 3) return ex;
        await new Promise((r) => setTimeout(r, 1000 * Math.min(3, Number(ex.headers.get('retry-after')) || 1)));
      }
    };

    for (const template of Object.keys(contract.spec.paths)) {
      const others = TRY.filter((m) => !specMethods(template).includes(m) && !(m === 'HEAD' && specMethods(template).includes('GET')));
      it(`${template}: ${others.join(', ')} answer 405 with Allow: ${expectedAllow(template).join(', ')}; OPTIONS 204`, async () => {
        const failures = [];
        const path = concrete(template);
        for (const method of others) {
          const ex = await request(method, path);
          const where = `${method} ${path}`;
          if (ex.status !== 405) {
            failures.push(`${where}: status ${ex.status}, expected 405; body: ${ex.text.slice(0, 160)}`);
            continue;
          }
          for (const p of allowProblems(ex, template)) failures.push(`${where}: ${p}`);
          failures.push(...contract.checkResponse(ex, ex, { $ref: '#/components/responses/MethodNotAllowed' }));
          if (method !== 'HEAD' && baseMediaType(ex.headers.get('content-type')) !== 'application/json') {
            failures.push(`${where}: content type '${ex.headers.get('content-type')}', expected application/json`);
          }
        }
        const opt = await request('OPTIONS', path);
        if (opt.status !== 204) failures.push(`OPTIONS ${path}: status ${opt.status}, expected 204`);
        for (const p of allowProblems(opt, template)) failures.push(`OPTIONS ${path}: ${p}`);
        if (opt.bytes.length) failures.push(`OPTIONS ${path}: 204 with a body (${opt.bytes.length} bytes)`);
        noFailures(failures);
      });
    }
  });

  describe('caching: ETag, Cache-Control, If-None-Match and 304', () => {
    let id;
    before(async () => {
      id = docIds[0] ?? (await discoverDocuments())[0] ?? 'gs-report-2010-2012';
    });
    const targets = [
      ['search', () => [SEARCH, { q: 'trafficking', size: 5 }]],
      ['a document', () => [`/api/v1/documents/${id}`]],
      ['the Work Plan', () => ['/api/v1/workplan']],
      ['an Atom feed', () => ['/api/v1/feeds/documents']],
      ['a CSV export', () => ['/api/v1/workplan/mandate:2', { format: 'csv' }]],
    ];
    for (const [what, target] of targets) {
      it(`${what}: a weak ETag; If-None-Match with it, *, a list holding it, or its strong form is 304; another tag 200`, async () => {
        const [path, query] = target();
        const first = expectStatus(await api.get(path, query), 200);
        const etag = first.headers.get('etag');
        assert.ok(etag, `GET ${path}: 200 without an ETag`);
        assert.match(etag, /^W\/"[^"]*"$/, 'the ETag is weak (W/"...")');
        assert.ok(first.headers.get('cache-control'), `GET ${path}: 200 without Cache-Control`);
        const again = expectStatus(await api.get(path, query), 200);
        assert.equal(again.headers.get('etag'), etag, 'the same answer has the same ETag while the index stays');

        const failures = [];
        for (const inm of [etag, '*', `"x", ${etag}`, `W/"x",${etag} , "y"`, etag.replace(/^W\//, '')]) {
          const r = await api.get(path, query, { headers: { 'If-None-Match': inm } });
          const where = `If-None-Match: ${inm}`;
          if (r.status !== 304) { failures.push(`${where}: status ${r.status}, expected 304`); continue; }
          if (r.bytes.length) failures.push(`${where}: 304 with a body (${r.bytes.length} bytes)`);
          if (r.headers.get('etag') !== etag) failures.push(`${where}: 304 ETag ${r.headers.get('etag')}, expected ${etag}`);
          failures.push(...r.problems);
        }
        const head = await api.request('HEAD', path, { query, headers: { 'If-None-Match': etag } });
        if (head.status !== 304) failures.push(`HEAD with If-None-Match: ${etag}: status ${head.status}, expected 304`);
        failures.push(...head.problems);
        for (const inm of ['W/"not-the-tag"', '"x", "y"']) {
          const r = await api.get(path, query, { headers: { 'If-None-Match': inm } });
          if (r.status !== 200) failures.push(`If-None-Match: ${inm}: status ${r.status}, expected 200`);
          else if (!r.bytes.length) failures.push(`If-None-Match: ${inm}: 200 without a body`);
          failures.push(...r.problems);
        }
        noFailures(failures);
      });
    }

    it('health and metrics are Cache-Control: no-store, without an ETag', async () => {
      for (const path of ['/api/v1/health', '/metrics']) {
        const r = expectStatus(await api.get(path), 200);
        assert.ok(headerList(r.headers.get('cache-control')).map((d) => d.toLowerCase()).includes('no-store'),
          `${path}: Cache-Control '${r.headers.get('cache-control')}', expected no-store`);
        assert.equal(r.headers.get('etag'), null, `${path}: no ETag`);
      }
    });
  });

  describe('compression: Content-Encoding and Vary: Accept-Encoding', () => {
    const varies = (ex, name) => headerList(ex.headers.get('vary')).some((v) => v.toLowerCase() === name.toLowerCase() || v === '*');
    // The answer, read by node:http and decoded, checked against the contract as fetch's would be.
    const checked = (ex) => {
      assert.equal(ex.decodeError, null, ex.decodeError);
      const problems = contract.check({ method: ex.method, url: ex.url }, ex);
      assert.deepEqual(problems, [], 'the decoded answer keeps the contract');
      return ex;
    };

    it('search JSON with Accept-Encoding: gzip comes gzipped, with Vary: Accept-Encoding, and decompresses to valid JSON', async () => {
      const r = await rawRequest(server.url, 'GET', SEARCH, { query: { q: 'trafficking', size: 20 }, headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-encoding'), 'gzip', 'Content-Encoding');
      assert.ok(varies(r, 'Accept-Encoding'), `Vary '${r.headers.get('vary')}' names Accept-Encoding`);
      assert.ok(r.raw.length < r.bytes.length, `compressed ${r.raw.length} bytes < ${r.bytes.length}`);
      checked(r);
      assert.ok(JSON.parse(r.text).hits.length > 0);
    });

    it('without Accept-Encoding (or with identity) the answer is not compressed but still Vary: Accept-Encoding', async () => {
      for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'gzip;q=0' }]) {
        const r = await rawRequest(server.url, 'GET', SEARCH, { query: { q: 'trafficking', size: 20 }, headers });
        const where = `Accept-Encoding: ${headers['Accept-Encoding'] ?? '(none)'}`;
        assert.equal(r.status, 200, where);
        assert.equal(r.headers.get('content-encoding'), null, `${where}: no Content-Encoding`);
        assert.ok(varies(r, 'Accept-Encoding'), `${where}: Vary '${r.headers.get('vary')}' names Accept-Encoding`);
        checked(r);
      }
    });

    it('with Accept-Encoding: br the answer is Brotli (or, without Brotli, not compressed) and decodes', async () => {
      const r = await rawRequest(server.url, 'GET', SEARCH, { query: { q: 'trafficking', size: 20 }, headers: { 'Accept-Encoding': 'br' } });
      assert.equal(r.status, 200);
      assert.ok([null, 'br'].includes(r.headers.get('content-encoding')), `Content-Encoding ${r.headers.get('content-encoding')}`);
      assert.ok(varies(r, 'Accept-Encoding'), `Vary '${r.headers.get('vary')}' names Accept-Encoding`);
      checked(r);
    });

    for (const [what, path, query, ctype] of [
      ['an Atom feed', '/api/v1/feeds/documents', {}, 'application/atom+xml'],
      ['the CSV export', '/api/v1/workplan/mandate:2', { format: 'csv' }, 'text/csv'],
      ['the Markdown export', '/api/v1/workplan/mandate:2', { format: 'markdown' }, 'text/markdown'],
    ]) {
      it(`${what} with Accept-Encoding: gzip comes gzipped and decompresses to the identity answer`, async () => {
        const plain = await rawRequest(server.url, 'GET', path, { query });
        assert.equal(plain.status, 200);
        assert.equal(baseMediaType(plain.headers.get('content-type')), ctype);
        assert.ok(plain.bytes.length > 1024, `${what} is large enough to compress (${plain.bytes.length} bytes)`);
        const r = await rawRequest(server.url, 'GET', path, { query, headers: { 'Accept-Encoding': 'gzip, deflate' } });
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('content-encoding'), 'gzip', 'Content-Encoding');
        assert.ok(varies(r, 'Accept-Encoding') && varies(plain, 'Accept-Encoding'), `Vary '${r.headers.get('vary')}' / '${plain.headers.get('vary')}' names Accept-Encoding`);
        checked(r);
        assert.equal(r.text, plain.text, 'decompressed, the same answer');
      });
    }
  });

  describe('CORS (a second server with --cors-origin https://embed.example)', () => {
    const ORIGIN = 'https://embed.example';
    let cors;
    before(async () => {
      cors = await startServer({ needOwn: true, db: server.db, args: ['--cors-origin', ORIGIN] });
    });
    after(async () => {
      if (cors) await cors.stop();
    });
    const varies = (ex, name) => headerList(ex.headers.get('vary')).some((v) => v.toLowerCase() === name.toLowerCase() || v === '*');
    const EXPOSED = ['etag', 'location', 'retry-after', 'content-disposition'];
    const requests = [
      ['GET', SEARCH, { q: 'trafficking' }],
      ['GET', SEARCH, { q: 'trafficking', page: '0' }], // 400
      ['GET', '/api/v1/no-such-endpoint'], // 404
      ['GET', '/api/v1/documents/no-such-document'], // 404
      ['GET', '/api/v1/feeds/documents'],
      ['GET', '/api/v1/workplan/mandate:2', { format: 'csv' }],
      ['GET', '/api/v1/health'],
      ['POST', SEARCH], // 405
    ];

    it('every answer has Vary: Origin, whatever the Origin (none, allowed, another)', async (t) => {
      if (!cors) return t.skip('ATIP_SERVER_URL is set: cannot start a second server');
      const failures = [];
      for (const origin of [null, ORIGIN, 'https://elsewhere.example']) {
        for (const [method, path, query] of requests) {
          const r = await rawRequest(cors.url, method, path, { query, headers: origin ? { Origin: origin } : {} });
          if (!varies(r, 'Origin')) failures.push(`${method} ${r.url.pathname}${r.url.search} (Origin: ${origin ?? 'none'}): ${r.status} with Vary '${r.headers.get('vary')}'`);
        }
      }
      noFailures(failures);
    });

    it('answers to the allowed origin carry Access-Control-Allow-Origin and expose ETag, Location, Retry-After, Content-Disposition', async (t) => {
      if (!cors) return t.skip('ATIP_SERVER_URL is set: cannot start a second server');
      const failures = [];
      for (const [method, path, query] of requests) {
        const r = await rawRequest(cors.url, method, path, { query, headers: { Origin: ORIGIN } });
        const where = `${method} ${r.url.pathname}${r.url.search} (${r.status})`;
        if (r.headers.get('access-control-allow-origin') !== ORIGIN) failures.push(`${where}: Access-Control-Allow-Origin '${r.headers.get('access-control-allow-origin')}'`);
        const exposed = headerList(r.headers.get('access-control-expose-headers')).map((h) => h.toLowerCase());
        const missing = EXPOSED.filter((h) => !exposed.includes(h));
        if (missing.length) failures.push(`${where}: Access-Control-Expose-Headers '${r.headers.get('access-control-expose-headers')}' lacks ${missing.join(', ')}`);
      }
      const other = await rawRequest(cors.url, 'GET', SEARCH, { query: { q: 'trafficking' }, headers: { Origin: 'https://elsewhere.example' } });
      if (other.headers.get('access-control-allow-origin') !== null) failures.push(`another origin got Access-Control-Allow-Origin '${other.headers.get('access-control-allow-origin')}'`);
      noFailures(failures);
    });

    it('a compressed cross-origin answer varies on both Origin and Accept-Encoding', async (t) => {
      if (!cors) return t.skip('ATIP_SERVER_URL is set: cannot start a second server');
      const r = await rawRequest(cors.url, 'GET', SEARCH, { query: { q: 'trafficking', size: 20 }, headers: { Origin: ORIGIN, 'Accept-Encoding': 'gzip' } });
      assert.equal(r.status, 200);
      assert.ok(varies(r, 'Origin') && varies(r, 'Accept-Encoding'), `Vary '${r.headers.get('vary')}' names Origin and Accept-Encoding`);
      assert.equal(r.decodeError, null, r.decodeError);
    });
  });

  describe('archive writes (a second server with --data and --max-upload 65536)', () => {
    let arch;
    let client;
    let auth;
    const ID = 'contract-archive-test';
    const TEXT = `Contract test document\n\n${'The national committee against trafficking in persons trains police officers and border officials. '.repeat(20)}\n`;
    const form = ({ file = TEXT, title = 'Contract test document', fileName = 'contract-archive-test.txt' } = {}) => {
      const f = new FormData();
      if (file !== null) f.append('file', new Blob([file], { type: 'text/plain' }), fileName);
      for (const [k, v] of Object.entries({ id: ID, title, type: 'report', date: '2024-05-01', jurisdiction: 'INT', language: 'en' })) f.append(k, v);
      return f;
    };
    before(async () => {
      arch = await startServer({ needOwn: true, data: true, args: ['--max-upload', '65536'] });
      if (arch) {
        client = new Client(arch.url, contract);
        auth = { Authorization: `Bearer ${arch.token}` };
      }
    });
    after(async () => {
      if (arch) await arch.stop();
    });

    it('POST adds (changed: true); a PUT equal to the current version changes nothing (200, changed: false, same version)', async (t) => {
      if (!arch) return t.skip('ATIP_SERVER_URL is set: cannot start a second server');
      const added = expectStatus(await client.request('POST', '/api/v1/documents', { body: form(), headers: auth }), 201);
      assert.equal(added.json.changed, true, 'an add changes the archive');
      assert.equal(added.json.version, 1);
      const same = expectStatus(await client.request('PUT', `/api/v1/documents/${ID}`, { body: form(), headers: auth }), 200);
      assert.equal(same.json.changed, false, 'a PUT equal to the current version changes nothing');
      assert.equal(same.json.version, 1, 'and makes no new version');
      assert.equal(same.json.hash, added.json.hash);
      const versions = expectStatus(await client.get(`/api/v1/documents/${ID}/versions`), 200);
      assert.equal(versions.json.versions.length, 1, 'one version');
      assert.equal(versions.json.current, 1);
      const changed = expectStatus(await client.request('PUT', `/api/v1/documents/${ID}`, { body: form({ title: 'Contract test document, revised' }), headers: auth }), 200);
      assert.equal(changed.json.changed, true, 'a PUT with new metadata changes the archive');
      assert.equal(changed.json.version, 2);
    });

    it('an upload over --max-upload answers 413 too_large and changes nothing', async (t) => {
      if (!arch) return t.skip('ATIP_SERVER_URL is set: cannot start a second server');
      const before = expectStatus(await client.get('/api/v1/health'), 200);
      const big = 'trafficking in persons '.repeat(4000); // ~92 KB > 65536
      const f = form({ file: big });
      f.set('id', 'contract-archive-too-large');
      const r = expectStatus(await client.request('POST', '/api/v1/documents', { body: f, headers: auth }), 413);
      assert.equal(r.json.error.code, 'too_large');
      const after = expectStatus(await client.get('/api/v1/health'), 200);
      assert.deepEqual(after.json, before.json, 'health unchanged');
      expectStatus(await client.get('/api/v1/documents/contract-archive-too-large'), 404);
    });

    it('every exchange with the archive server kept the contract', (t) => {
      if (!arch) return t.skip('ATIP_SERVER_URL is set: cannot start a second server');
      noFailures([...new Set(client.exchanges.flatMap((e) => e.problems))]);
    });
  });

  describe('afterwards', () => {
    it('the server is still up', async () => {
      if (!server.external) assert.equal(server.exited(), null, `atip-server exited: ${JSON.stringify(server.exited())}\n${server.log()}`);
      expectStatus(await api.get('/api/v1/health'), 200);
    });

    it('every exchange kept the contract', () => {
      noFailures([...new Set(api.exchanges.flatMap((e) => e.problems))]);
    });
  });
});
