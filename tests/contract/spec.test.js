// schemas/openapi.yaml itself: a valid OpenAPI 3.0 document, every endpoint of the contract present,
// every schema compiling under ajv's strict mode, and the documented example shapes accepted while
// typical mistakes are refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Contract, loadSpec, specPath, toJsonSchema } from './lib/openapi.js';

const spec = loadSpec();
const contract = new Contract(spec);

// The server's field table, as the web page reads it (web/fields.js, generated from the table).
const FIELDS = (() => {
  const src = readFileSync(new URL('../../web/fields.js', import.meta.url), 'utf8');
  return JSON.parse(src.slice(src.indexOf('['), src.lastIndexOf(']') + 1));
})();
const FILTERS = FIELDS.map((f) => f.name);

function walk(node, fn, at = '#') {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, fn, `${at}/${i}`));
  else if (node && typeof node === 'object') {
    fn(node, at);
    for (const [k, v] of Object.entries(node)) walk(v, fn, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

function pointer(ref) {
  return ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((o, p) => (o == null ? undefined : o[p]), spec);
}

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.0 document', async () => {
    const v = new Validator();
    const res = await v.validate(specPath);
    assert.equal(v.version, '3.0');
    assert.ok(res.valid, `openapi.yaml is not valid OpenAPI 3.0:\n${JSON.stringify(res.errors, null, 2)}`);
    assert.equal(spec.openapi, '3.0.3');
  });

  it('has every $ref resolving', () => {
    const bad = [];
    walk(spec, (node, at) => {
      if (typeof node.$ref === 'string' && pointer(node.$ref) === undefined) bad.push(`${at}: ${node.$ref}`);
    });
    assert.deepEqual(bad, []);
  });

  it('describes every endpoint of API.md and the extensions', () => {
    const expected = [
      ['get', '/api/v1/search'],
      ['get', '/api/v1/documents/{id}'],
      ['get', '/api/v1/documents/{id}/passages/{n}'],
      ['get', '/api/v1/documents/{id}/outline'],
      ['get', '/api/v1/documents/{id}/file'],
      ['get', '/api/v1/workplan'],
      ['get', '/api/v1/workplan/{item}'],
      ['get', '/api/v1/coverage'],
      ['get', '/api/v1/compare'],
      ['get', '/api/v1/suggest'],
      ['get', '/api/v1/health'],
      ['get', '/metrics'],
      ['post', '/api/v1/documents'],
      ['put', '/api/v1/documents/{id}'],
      ['delete', '/api/v1/documents/{id}'],
      ['post', '/api/v1/documents/{id}/restore'],
      ['put', '/api/v1/documents/{id}/passages/{n}/links/{item}'],
      ['get', '/api/v1/documents/{id}/versions'],
      ['get', '/api/v1/documents/{id}/versions/{n}/file'],
      ['get', '/api/v1/feeds/documents'],
      ['get', '/api/v1/feeds/workplan/{item}'],
      ['get', '/api/v1/feeds/search'],
    ];
    for (const [m, p] of expected) assert.ok(spec.paths[p]?.[m], `${m.toUpperCase()} ${p} is missing`);
    const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
    const all = Object.entries(spec.paths).flatMap(([p, item]) => Object.keys(item).filter((k) => methods.has(k)).map((m) => `${m} ${p}`));
    assert.deepEqual(all.sort(), expected.map(([m, p]) => `${m} ${p}`).sort(), 'no endpoint beyond the contract');
  });

  it('documents the search parameters and filters', () => {
    const names = contract.parameters('get', '/api/v1/search').filter((p) => p.in === 'query').map((p) => p.name).sort();
    assert.deepEqual(names, ['format', 'group', 'include', 'lang', 'page', 'q', 'size', 'sort', 'versions', ...FILTERS].sort());
    assert.ok(FILTERS.includes('pillar') && FILTERS.includes('jurisdiction'), `the field table's filters: ${FILTERS}`);
    for (const { name: f, vocabulary } of FIELDS) {
      const p = contract.parameters('get', '/api/v1/search').find((x) => x.name === f);
      assert.equal(p.schema.type, 'array', `${f} is repeatable`);
      assert.equal(p.explode, true);
      if (vocabulary.length) {
        const items = p.schema.items.$ref ? pointer(p.schema.items.$ref) : p.schema.items;
        assert.deepEqual([...items.enum].sort(), [...vocabulary].sort(), `${f}: the spec's values are the field table's`);
      }
    }
    assert.deepEqual(spec.components.schemas.Facets.required, FILTERS, 'every filter is a facet, in the table\'s order');
  });

  it('has unique operationIds and declares exactly the path template parameters', () => {
    const ids = new Set();
    for (const [p, item] of Object.entries(spec.paths)) {
      const inTemplate = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const m of ['get', 'post', 'delete', 'put', 'patch']) {
        if (!item[m]) continue;
        assert.ok(item[m].operationId, `${m} ${p} has an operationId`);
        assert.ok(!ids.has(item[m].operationId), `duplicate operationId ${item[m].operationId}`);
        ids.add(item[m].operationId);
        const declared = contract.parameters(m, p).filter((x) => x.in === 'path').map((x) => x.name).sort();
        assert.deepEqual(declared, inTemplate, `${m} ${p}: path parameters`);
        for (const [status, r] of Object.entries(item[m].responses)) {
          const resp = r.$ref ? pointer(r.$ref) : r;
          assert.ok(resp.description, `${m} ${p} ${status} has a description`);
          if (/^[45]/.test(status) && resp.content) {
            const s = resp.content['application/json']?.schema;
            assert.ok(s, `${m} ${p} ${status}: errors are JSON`);
            const name = (s.$ref || '').split('/').pop();
            assert.match(name, /Error$/, `${m} ${p} ${status}: an error answers an Error schema`);
          }
        }
      }
    }
  });

  it('puts bearer auth on the writes, 401 included', () => {
    for (const [m, p] of [['post', '/api/v1/documents'], ['put', '/api/v1/documents/{id}'], ['delete', '/api/v1/documents/{id}'],
      ['post', '/api/v1/documents/{id}/restore'], ['put', '/api/v1/documents/{id}/passages/{n}/links/{item}']]) {
      assert.deepEqual(spec.paths[p][m].security, [{ bearerAuth: [] }]);
      assert.ok(spec.paths[p][m].responses['401']);
    }
    assert.equal(spec.components.securitySchemes.bearerAuth.scheme, 'bearer');
  });

  it('documents 200/206/304/416 with ETag and Range on the file endpoints', () => {
    const resolve = (o) => (o && o.$ref ? pointer(o.$ref) : o);
    for (const p of ['/api/v1/documents/{id}/file', '/api/v1/documents/{id}/versions/{n}/file']) {
      const op = spec.paths[p].get;
      for (const s of ['200', '206', '304', '404', '416']) assert.ok(op.responses[s], `${p} ${s}`);
      const headers = op.parameters.map((x) => resolve(x).name);
      assert.ok(headers.includes('Range') && headers.includes('If-None-Match'), p);
      assert.ok(resolve(op.responses['200']).headers.ETag && resolve(op.responses['206']).headers['Content-Range'], p);
    }
  });

  it('compiles every schema under ajv strict mode', () => {
    for (const name of Object.keys(spec.components.schemas)) contract.schemaValidator(name);
    walk(spec.paths, (node, at) => {
      if (node.schema && typeof node.schema === 'object') contract.validatorFor(node.schema, at);
    });
  });

  it('closes every object schema (additionalProperties: false, or a typed map)', () => {
    const open = [];
    walk(spec.components.schemas, (node, at) => {
      if (node.type === 'object' && node.properties && !at.includes('/allOf/') && node.additionalProperties !== false) open.push(at);
      if (node.type === 'object' && !node.properties && !node.allOf && typeof node.additionalProperties !== 'object') open.push(at);
    });
    assert.deepEqual(open, []);
  });
});

// ---------------------------------------------------------------- HTTP conventions
// Methods, security, caching and rate limiting, declared on every operation they apply to.
const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const operations = () => Object.entries(spec.paths).flatMap(([p, item]) =>
  OPERATION_METHODS.filter((m) => item[m]).map((m) => ({ path: p, method: m, op: item[m] })));
const resolve = (o) => {
  let seen = 0;
  while (o && o.$ref) {
    if (++seen > 20) throw new Error(`$ref loop at ${o.$ref}`);
    o = pointer(o.$ref);
  }
  return o;
};
// GETs of the API's JSON, feeds and exports: those that answer with an ETag of the index revision.
// Health and metrics describe the live process (no-store); files have their own (SHA-256) ETag.
const NO_STORE = ['/api/v1/health', '/metrics'];
const FILE_PATHS = ['/api/v1/documents/{id}/file', '/api/v1/documents/{id}/versions/{n}/file'];
const REVISION_TYPES = ['application/json', 'application/atom+xml', 'text/csv', 'text/markdown'];
const revisionGets = () => operations().filter(({ path: p, method, op }) => method === 'get' && !NO_STORE.includes(p) &&
  !FILE_PATHS.includes(p) && Object.keys(resolve(op.responses['200'])?.content || {}).some((t) => REVISION_TYPES.includes(t)));

describe('HTTP conventions in openapi.yaml', () => {
  it('every operation declares its security: the reads none (security: []), the writes the bearer token', () => {
    const bad = [];
    for (const { path: p, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${p}`;
      if (!Object.hasOwn(op, 'security')) { bad.push(`${where}: no security declared`); continue; }
      const want = method === 'get' ? [] : [{ bearerAuth: [] }];
      try { assert.deepEqual(op.security, want); } catch { bad.push(`${where}: security ${JSON.stringify(op.security)}, expected ${JSON.stringify(want)}`); }
    }
    assert.deepEqual(bad, []);
    assert.equal(spec.security, undefined, 'no document-wide security: each operation says its own');
  });

  it('every operation declares 405, a shared response with a required Allow header and an Error body', () => {
    const bad = operations().filter(({ op }) => op.responses['405']?.$ref !== '#/components/responses/MethodNotAllowed')
      .map(({ path: p, method }) => `${method.toUpperCase()} ${p}`);
    assert.deepEqual(bad, [], 'operations without 405 ($ref #/components/responses/MethodNotAllowed)');
    const r = spec.components.responses.MethodNotAllowed;
    const allow = resolve(r.headers.Allow);
    assert.equal(allow.required, true, 'Allow is required');
    const re = new RegExp(allow.schema.pattern, 'u');
    assert.ok(re.test('GET, HEAD, PUT, DELETE, OPTIONS') && re.test('POST, OPTIONS') && !re.test('get') && !re.test(''), 'Allow pattern');
    assert.equal(r.content['application/json'].schema.$ref, '#/components/schemas/Error');
  });

  it('every GET of JSON, feeds and exports declares If-None-Match, 304 and the ETag and Cache-Control of its 200', () => {
    const gets = revisionGets();
    const paths = gets.map(({ path: p }) => p).sort();
    for (const p of ['/api/v1/search', '/api/v1/suggest', '/api/v1/documents/{id}', '/api/v1/documents/{id}/passages/{n}',
      '/api/v1/documents/{id}/versions', '/api/v1/workplan', '/api/v1/workplan/{item}', '/api/v1/feeds/documents',
      '/api/v1/feeds/workplan/{item}', '/api/v1/feeds/search']) assert.ok(paths.includes(p), `${p} is among the cached GETs`);
    const bad = [];
    for (const { path: p, op } of gets) {
      const params = op.parameters || [];
      if (!params.some((x) => x.$ref === '#/components/parameters/IfNoneMatch')) bad.push(`GET ${p}: no If-None-Match parameter ($ref)`);
      if (op.responses['304']?.$ref !== '#/components/responses/NotModified') bad.push(`GET ${p}: no 304 ($ref #/components/responses/NotModified)`);
      const ok = resolve(op.responses['200']);
      if (ok.headers?.ETag?.$ref !== '#/components/headers/RevisionETag') bad.push(`GET ${p}: 200 has no ETag ($ref RevisionETag)`);
      if (ok.headers?.['Cache-Control']?.$ref !== '#/components/headers/CacheControl') bad.push(`GET ${p}: 200 has no Cache-Control ($ref CacheControl)`);
      if (ok.headers?.Vary?.$ref !== '#/components/headers/Vary') bad.push(`GET ${p}: 200 has no Vary ($ref Vary)`);
    }
    assert.deepEqual(bad, []);
    const nm = spec.components.responses.NotModified;
    assert.equal(nm.content, undefined, '304 has no body');
    assert.equal(resolve(nm.headers.ETag).required, true, '304 carries the ETag');
    const weak = new RegExp(resolve(spec.components.headers.RevisionETag).schema.pattern, 'u');
    assert.ok(weak.test('W/"r42"') && !weak.test('"r42"') && !weak.test('r42'), 'the revision ETag is weak');
    const inm = spec.components.parameters.IfNoneMatch;
    assert.equal(inm.in, 'header');
    assert.equal(inm.name, 'If-None-Match');
  });

  it('health and metrics are no-store, without an ETag or 304', () => {
    for (const p of NO_STORE) {
      const op = spec.paths[p].get;
      const ok = resolve(op.responses['200']);
      assert.equal(ok.headers?.['Cache-Control']?.$ref, '#/components/headers/CacheControlNoStore', `${p}: Cache-Control no-store`);
      assert.equal(ok.headers?.ETag, undefined, `${p}: no ETag`);
      assert.equal(op.responses['304'], undefined, `${p}: no 304`);
    }
    const re = new RegExp(spec.components.headers.CacheControlNoStore.schema.pattern, 'u');
    assert.ok(re.test('no-store') && re.test('private, no-store') && !re.test('max-age=60'));
  });

  it('every operation, health and metrics included, declares 429 with Retry-After', () => {
    const bad = operations().filter(({ op }) => op.responses['429']?.$ref !== '#/components/responses/TooManyRequests')
      .map(({ path: p, method }) => `${method.toUpperCase()} ${p}`);
    assert.deepEqual(bad, []);
    for (const p of NO_STORE) assert.ok(spec.paths[p].get.responses['429'], `${p} declares 429`);
    assert.ok(spec.components.responses.TooManyRequests.headers['Retry-After']);
  });

  it('the uploads declare 413, and the write outcome says whether anything changed', () => {
    for (const [m, p] of [['post', '/api/v1/documents'], ['put', '/api/v1/documents/{id}']]) {
      assert.equal(spec.paths[p][m].responses['413']?.$ref, '#/components/responses/PayloadTooLarge', `${m} ${p}: 413`);
    }
    const w = spec.components.schemas.WriteResult;
    assert.ok(w.required.includes('changed'), 'WriteResult.changed is required');
    assert.equal(w.properties.changed.type, 'boolean');
    for (const [m, p] of [['post', '/api/v1/documents'], ['put', '/api/v1/documents/{id}'], ['post', '/api/v1/documents/{id}/restore']]) {
      const ok = Object.entries(spec.paths[p][m].responses).find(([s]) => /^20[01]$/.test(s))[1];
      assert.equal(resolve(ok).content['application/json'].schema.$ref, '#/components/schemas/WriteResult', `${m} ${p}`);
    }
  });
});

describe('toJsonSchema', () => {
  it('turns nullable into a null-admitting type', () => {
    assert.deepEqual(toJsonSchema({ type: 'string', nullable: true, pattern: 'x' }), { type: ['string', 'null'], pattern: 'x' });
    assert.deepEqual(toJsonSchema({ type: 'string', enum: ['a'], nullable: true }), { type: ['string', 'null'], enum: ['a', null] });
    assert.deepEqual(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/X' }], nullable: true }),
      { anyOf: [{ type: 'null' }, { allOf: [{ $ref: 'openapi#/definitions/X' }] }] });
    assert.deepEqual(toJsonSchema({ type: 'object', 'x-propertyNames': { pattern: '^a' }, example: {} }),
      { type: 'object', propertyNames: { pattern: '^a' } });
  });
});

// ---------------------------------------------------------------- examples from the docs
const searchExample = () => ({
  query: { q: 'police', corrected: null, parsed: 'police', languages: ['en', 'es'] },
  total: 42, page: 1, size: 10, took_ms: 1.7,
  hits: [{
    id: 'gs-report-2012-2014', title: 'Report of the General Secretariat', type: 'report',
    symbol: 'CP/CSH-9904/14', language: 'en', date: '2014-11-03', year: 2014,
    jurisdiction: 'INT', ocr: false, ocr_confidence: null, countries: ['CL', 'PY', 'UY'], orgs: ['iom'], links: ['mandate:2'],
    score: 0.91,
    passage: { n: 7, page: 2, heading: 'Capacity building', article: null, caption: null, path: [{ kind: 'heading', label: null, caption: 'Capacity building' }], snippet: '... <mark>police</mark> academies ...',
      text: 'police academies', language: 'en', date: null, ocr: false, ocr_confidence: null },
    also_as: [],
  }],
  facets: {
    type: [{ value: 'report', count: 3 }], jurisdiction: [{ value: 'INT', count: 3 }],
    country: [{ value: 'PY', count: 2 }], language: [{ value: 'en', count: 3 }],
    year: [{ value: '2014', count: 1 }], pillar: [{ value: 'general-secretariat', count: 2 }],
    link: [{ value: 'mandate:2', count: 2 }], org: [{ value: 'iom', count: 1 }],
  },
  facets_exact: true,
});

const documentExample = () => ({
  id: 'gs-report-2010-2012', title: 'Management Report', type: 'report', symbol: 'CP/CSH-9902/12', symbols: ['CP/CSH-9902/12'],
  language: 'en', date: '2012-09-04', year: 2012, years: [2010, 2011, 2012], jurisdiction: 'INT', ocr: true, ocr_confidence: 95.8,
  countries: ['CL'], orgs: ['iom'], pages: 6,
  file: { name: 'gs-report-2010-2012.pdf', content_type: 'application/pdf', size: 55181, url: '/api/v1/documents/gs-report-2010-2012/file' },
  passages: [{ n: 1, page: 1, heading: 'Capacity Building', article: null, caption: null, language: 'en', date: null, ocr: true, links: ['mandate:2'] }],
  links: { 'mandate:2': [7, 8] },
  link_details: [{ item: 'mandate:2', passage: 7, method: 'explicit', score: 0.83, status: 'auto', basis: ['mandate 2'],
    evidence: { concepts: [], words: ['mandate 2'] } }],
  cites: [{ symbol: 'CP/CSH-1155/09 rev. 11', id: 'workplan-2010-2014' }, { symbol: 'AG/RES. 2551 (XL-O/10)', id: null }],
  cited_by: ['gs-report-2012-2014'],
  renderings: [],
  translations: [],
});

const passageExample = () => ({
  id: 'gs-report-2010-2012', n: 7, page: 2, heading: 'Capacity Building', article: null, caption: null,
  path: [{ kind: 'heading', label: null, caption: 'Capacity Building' }], language: 'en', date: null,
  text: 'The police…', countries: [], orgs: [], ocr: true, ocr_confidence: 95.8,
  links: [{ item: 'mandate:2', method: 'similarity', score: 0.8, status: 'auto', basis: ['concept:police-training', 'polic'],
    evidence: { concepts: ['police-training'], words: ['polic'] } }],
  translations: [],
});

const itemExample = () => ({ id: 'activity:1', kind: 'activity', number: 1, pillar: 'prevention', heading: 'Prevention', text: 'Raise awareness…', documents: 3, passages: 5 });

const evidenceExample = () => ({
  item: itemExample(),
  evidence: [{ id: 'gs-report-2012-2014', title: 'Report', type: 'report', symbol: 'CP/CSH-9904/14', date: '2014-12-01', year: 2014,
    passage: { n: 7, page: 2, heading: null, article: null, caption: null, path: [], text: 'text' }, method: 'explicit', score: 0.9, status: 'auto',
    basis: ['activity 1'], evidence: { concepts: [], words: ['activity 1'] },
    permalink: '/api/v1/documents/gs-report-2012-2014/passages/7' }],
});

const summaryExample = () => ({
  id: 'mx-ley-general-trata-2012-es', title: 'Ley General', type: 'law', symbol: null, language: 'es', date: null, year: 2012,
  jurisdiction: 'MX', ocr: false, ocr_confidence: null,
});

const comparisonExample = () => ({
  subject: { kind: 'q', q: 'albergues para víctimas', item: null, passage: null, languages: ['es', 'en', 'pt', 'fr'],
    concepts: [{ words: 'albergues', terms: ['en:shelter', 'es:albergue'] }] },
  types: ['law', 'treaty', 'model-law'], per: 3, took_ms: 4.2,
  jurisdictions: [{ jurisdiction: 'MX', provisions: [{
    document: summaryExample(),
    passage: { n: 106, page: 33, heading: 'Título Tercero', article: 'Artículo 89', caption: null,
      path: [{ kind: 'title', label: 'Título Tercero', caption: null }, { kind: 'article', label: 'Artículo 89', caption: null }],
      language: 'es', date: null,
      text: 'Artículo 89. … albergues …', snippet: '… <mark>albergues</mark> …', highlighted: 'Artículo 89. … <mark>albergues</mark> …',
      ocr: false, ocr_confidence: null },
    score: 0.77, why: { words: ['albergues'], concepts: ['es:albergue'], links: [] },
    permalink: '/api/v1/documents/mx-ley-general-trata-2012-es/passages/106',
    file: '/api/v1/documents/mx-ley-general-trata-2012-es/file#page=33' }] }],
});

const outlineExample = () => ({
  document: summaryExample(), articles: 2, passages: [1],
  outline: [{ kind: 'title', label: 'TÍTULO PRIMERO', caption: 'Disposiciones Generales', passage: 2, page: 1,
    permalink: '/api/v1/documents/mx-ley-general-trata-2012-es/passages/2', passages: [],
    children: [
      { kind: 'article', label: 'Artículo 1o', caption: null, passage: 2, page: 1,
        permalink: '/api/v1/documents/mx-ley-general-trata-2012-es/passages/2', passages: [2, 3], children: [] },
      { kind: 'article', label: 'Artículo 2o', caption: null, passage: 4, page: 2,
        permalink: '/api/v1/documents/mx-ley-general-trata-2012-es/passages/4', passages: [4], children: [] }] },
  { kind: 'transitory', label: 'TRANSITORIOS', caption: null, passage: 5, page: 56,
    permalink: '/api/v1/documents/mx-ley-general-trata-2012-es/passages/5', passages: [5], children: [] }],
});

const writeResultExample = () => ({
  id: 'py-law-4788', version: 1, hash: 'a'.repeat(64), state: 'current', date: '2024-05-01T12:00:00Z', size: 12345,
  content_type: 'application/pdf', revision: 7, url: '/api/v1/documents/py-law-4788',
  file: '/api/v1/documents/py-law-4788/versions/1/file', changed: true,
});

function valid(name, value) {
  const v = contract.schemaValidator(name);
  return v(value) ? null : v.errors;
}

describe('schemas accept the documented shapes', () => {
  it('SearchResponse', () => assert.equal(valid('SearchResponse', searchExample()), null));
  it('SearchResponse without include=text', () => {
    const s = searchExample(); delete s.hits[0].passage.text;
    assert.equal(valid('SearchResponse', s), null);
  });
  it('SearchResponse with a correction and null symbol/date', () => {
    const s = searchExample(); s.query.corrected = 'police'; s.hits[0].symbol = null; s.hits[0].date = null; s.hits[0].year = null;
    assert.equal(valid('SearchResponse', s), null);
  });
  it('Document', () => assert.equal(valid('Document', documentExample()), null));
  it('Outline', () => assert.equal(valid('Outline', outlineExample()), null));
  it('Document with its other renderings, and a hit that names them', () => {
    const d = documentExample();
    d.renderings = [summaryExample()];
    assert.equal(valid('Document', d), null);
    const s = searchExample();
    s.hits[0].also_as = [summaryExample()];
    assert.equal(valid('SearchResponse', s), null);
  });
  it('Document with partial dates and no symbol', () => {
    const d = documentExample(); d.date = '2012-09'; d.symbol = null; d.symbols = []; d.pages = null;
    assert.equal(valid('Document', d), null);
  });
  it('Passage', () => assert.equal(valid('Passage', passageExample()), null));
  it('Passage with the same article in a translation', () => {
    const p = passageExample();
    p.translations = [{ document: { ...summaryExample(), id: 'ca-code-criminel-art279-fr', language: 'fr', jurisdiction: 'CA' },
      n: 2, article: '279.01', permalink: '/api/v1/documents/ca-code-criminel-art279-fr/passages/2' }];
    assert.equal(valid('Passage', p), null);
  });
  it('WorkplanList', () => {
    const items = [];
    for (let n = 1; n <= 52; n++) items.push({ ...itemExample(), id: `activity:${n}`, number: n, pillar: n <= 18 ? 'prevention' : n <= 30 ? 'prosecution' : 'protection' });
    for (let n = 1; n <= 10; n++) items.push({ ...itemExample(), id: `mandate:${n}`, kind: 'mandate', number: n, pillar: 'general-secretariat' });
    assert.equal(valid('WorkplanList', { items }), null);
  });
  it('WorkplanItemEvidence', () => assert.equal(valid('WorkplanItemEvidence', evidenceExample()), null));
  it('Comparison', () => assert.equal(valid('Comparison', comparisonExample()), null));
  it('SuggestResponse', () => assert.equal(valid('SuggestResponse', { q: 'pol', suggestions: ['police', 'police academies', 'policía'] }), null));
  it('Health', () => assert.equal(valid('Health', { status: 'ok', documents: 5, passages: 312, revision: 3 }), null));
  it('Error', () => assert.equal(valid('Error', { error: { code: 'not_found', message: 'no document x' } }), null));
  it('WriteResult', () => assert.equal(valid('WriteResult', writeResultExample()), null));
  it('WriteResult of a write that changed nothing', () => assert.equal(valid('WriteResult', { ...writeResultExample(), changed: false, revision: 0 }), null));
});

describe('schemas refuse typical mistakes', () => {
  const cases = [
    ['SearchResponse', 'an undocumented top-level field', (s) => { s.debug = 1; }],
    ['SearchResponse', 'an unknown kind of path step', (s) => { s.hits[0].passage.path = [{ kind: 'paragraph', label: null, caption: 'x' }]; }],
    ['SearchResponse', 'a path step without its caption', (s) => { s.hits[0].passage.path = [{ kind: 'chapter', label: 'CAPÍTULO I' }]; }],
    ['SearchResponse', 'also_as missing', (s) => { delete s.hits[0].also_as; }],
    ['Outline', 'a node without its children', (s) => { delete s.outline[1].children; }],
    ['Outline', 'passage 0 in a node', (s) => { s.outline[0].children[0].passages = [0]; }],
    ['SearchResponse', 'an undocumented hit field', (s) => { s.hits[0].url = '/x'; }],
    ['SearchResponse', 'corrected missing', (s) => { delete s.query.corrected; }],
    ['SearchResponse', 'an unknown type', (s) => { s.hits[0].type = 'Report'; }],
    ['SearchResponse', 'an unknown language', (s) => { s.hits[0].language = 'eng'; }],
    ['SearchResponse', 'a lower-case jurisdiction', (s) => { s.hits[0].jurisdiction = 'int'; }],
    ['SearchResponse', 'INT as a mentioned country', (s) => { s.hits[0].countries = ['INT']; }],
    ['SearchResponse', 'a bad item id in links', (s) => { s.hits[0].links = ['mandate-2']; }],
    ['SearchResponse', 'a bad date', (s) => { s.hits[0].date = '03/11/2014'; }],
    ['SearchResponse', 'a string year', (s) => { s.hits[0].year = '2014'; }],
    ['SearchResponse', 'null title', (s) => { s.hits[0].title = null; }],
    ['SearchResponse', 'a missing passage', (s) => { delete s.hits[0].passage; }],
    ['SearchResponse', 'passage n = 0', (s) => { s.hits[0].passage.n = 0; }],
    ['SearchResponse', 'size over 100', (s) => { s.size = 500; }],
    ['SearchResponse', 'page 0', (s) => { s.page = 0; }],
    ['SearchResponse', 'a missing facet', (s) => { delete s.facets.org; }],
    ['SearchResponse', 'a facet with an undocumented field', (s) => { s.facets.type[0].label = 'Report'; }],
    ['SearchResponse', 'a numeric year facet', (s) => { s.facets.year[0].value = 2014; }],
    ['SearchResponse', 'a pillar that is none of the four', (s) => { s.facets.pillar[0].value = 'prosecutions'; }],
    ['SearchResponse', 'facets_exact missing', (s) => { delete s.facets_exact; }],
    ['SearchResponse', 'duplicate countries', (s) => { s.hits[0].countries = ['CL', 'CL']; }],
    ['Document', 'an id with upper case', (d) => { d.id = 'GS-report'; }],
    ['Document', 'an id starting with -', (d) => { d.id = '-x'; }],
    ['Document', 'an undocumented field', (d) => { d.text = 'x'; }],
    ['Document', 'a links key that is no item id', (d) => { d.links = { 'mandate 2': [7] }; }],
    ['Document', 'a link_details method not in the enum', (d) => { d.link_details[0].method = 'guesswork'; }],
    ['Document', 'a link status not in the enum', (d) => { d.link_details[0].status = 'pending'; }],
    ['Document', 'cites[].id missing', (d) => { delete d.cites[0].id; }],
    ['Document', 'cited_by with a bad id', (d) => { d.cited_by = ['Bad Id']; }],
    ['Document', 'file url elsewhere', (d) => { d.file.url = '/files/x.pdf'; }],
    ['Document', 'a passage summary carrying text', (d) => { d.passages[0].text = 'x'; }],
    ['Passage', 'null text', (p) => { p.text = null; }],
    ['Passage', 'links as plain ids', (p) => { p.links = ['mandate:2']; }],
    ['WorkplanItemEvidence', 'an unknown pillar', (w) => { w.item.pillar = 'partnership'; }],
    ['WorkplanItemEvidence', 'an unknown kind', (w) => { w.item.kind = 'task'; }],
    ['WorkplanItemEvidence', 'a bad permalink', (w) => { w.evidence[0].permalink = 'https://x/y'; }],
    ['Health', 'status not ok', (h) => { h.status = 'fine'; }],
    ['Health', 'an undocumented field', (h) => { h.uptime = 1; }],
    ['Error', 'a bare message', (e) => { e.message = 'x'; }],
    ['Error', 'an unknown code', (e) => { e.error.code = 'bad_request'; }],
    ['WriteResult', 'changed missing', (w) => { delete w.changed; }],
    ['WriteResult', 'changed as a string', (w) => { w.changed = 'no'; }],
    ['Comparison', 'an unknown subject kind', (c) => { c.subject.kind = 'words'; }],
    ['Comparison', 'a concept term without its language', (c) => { c.jurisdictions[0].provisions[0].why.concepts = ['albergue']; }],
    ['Comparison', 'a provision without why', (c) => { delete c.jurisdictions[0].provisions[0].why; }],
    ['Comparison', 'a file link elsewhere', (c) => { c.jurisdictions[0].provisions[0].file = 'https://x/y.pdf'; }],
    ['Passage', 'a link without basis', (p) => { delete p.links[0].basis; }],
    ['Passage', 'a link without its evidence', (p) => { delete p.links[0].evidence; }],
    ['Document', 'evidence with an unknown part', (d) => { d.link_details[0].evidence.sentences = []; }],
    ['SuggestResponse', 'eleven suggestions', (s) => { s.suggestions = Array.from({ length: 11 }, (_, i) => `s${i}`); }],
  ];
  const make = {
    SearchResponse: searchExample, Document: documentExample, Passage: passageExample,
    WorkplanItemEvidence: evidenceExample, Health: () => ({ status: 'ok', documents: 5, passages: 312, revision: 3 }),
    Error: () => ({ error: { code: 'not_found', message: 'm' } }), SuggestResponse: () => ({ q: 'p', suggestions: [] }),
    WriteResult: writeResultExample, Comparison: comparisonExample, Outline: outlineExample,
  };
  for (const [name, what, mutate] of cases) {
    it(`${name}: ${what}`, () => {
      const value = make[name]();
      mutate(value);
      assert.notEqual(valid(name, value), null, `${name} accepted ${what}`);
    });
  }
});
