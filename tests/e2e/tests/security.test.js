'use strict';
// Text from documents must never run: snippets are inserted with only <mark> as markup,
// titles and headings as text. The app pages are served under a strict CSP, and the app
// itself causes no CSP violation.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('../lib/harness');

describe('safety', () => {
  let archive;
  let browser;
  before(async () => {
    archive = await H.startArchive();
    browser = await H.launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
  });

  async function assertInert(page) {
    const found = await page.evaluate(() => {
      const root = document.querySelector('#view');
      const scripts = root.querySelectorAll('script, iframe, object, embed, img, svg, style, link').length;
      const handlers = [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length;
      const jsLinks = [...root.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length;
      const marksOnly = [...root.querySelectorAll('.snippet *')].every((el) => el.tagName === 'MARK');
      return { scripts, handlers, jsLinks, marksOnly, pwned: window.__pwned };
    });
    assert.deepEqual(found, { scripts: 0, handlers: 0, jsLinks: 0, marksOnly: true, pwned: undefined });
    assert.deepEqual(page.problems.dialogs, []);
  }

  test('searching for "script": no <script> element or event handler appears in the results', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=script');
      await assertInert(page);
      await H.gotoApp(page, archive.url + '/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
      await assertInert(page);
      // the query is echoed as text
      const title = await page.locator('#results-title').innerText().catch(() => '');
      if (title) assert.ok(title.includes('<script>alert(1)</script>') || title.length > 0);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('a crafted answer (markup in title, heading, snippet, symbol) is shown as text and cannot run', async () => {
    const page = await H.openPage(browser);
    try {
      const crafted = {
        query: { q: 'x', corrected: '<img src=x onerror="window.__pwned=3">', parsed: 'x' },
        total: 1, page: 1, size: 10, took_ms: 1,
        hits: [{
          id: 'gs-report-2012-2014',
          title: 'Title <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">',
          type: '<b>report</b>', symbol: '<i>SYM</i>', language: 'en', date: '2014-12-01', year: 2014,
          jurisdiction: 'INT', countries: ['<svg onload=alert(1)>'], links: ['mandate:7', 'javascript:alert(1)'], score: 1,
          passage: {
            n: 1, page: 2, heading: 'Heading <script>window.__pwned=4</script>',
            snippet: 'before &lt;script&gt;window.__pwned=5&lt;/script&gt; <mark>hit</mark> <img src=x onerror="window.__pwned=6"> &amp; after <mark>two</mark>',
          },
        }],
        facets: { type: [{ value: '<img src=x onerror=alert(1)>', count: 1 }], year: [{ value: 2014, count: 1 }] },
      };
      await page.route('**/api/v1/search?**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(crafted) }));
      await H.gotoApp(page, archive.url + '/?q=x');
      await page.waitForTimeout(300);
      await assertInert(page);
      const snippet = await page.locator('.results .snippet').innerText();
      assert.ok(snippet.includes('<script>window.__pwned=5</script>'), 'escaped text is shown as text');
      assert.ok(snippet.includes('& after'), 'entities are decoded once');
      assert.deepEqual(await page.locator('.results .snippet mark').allInnerTexts(), ['hit', 'two']);
      const title = await page.locator('.results .hit-title').innerText();
      assert.ok(title.includes('<script>'), 'title markup shown as text');
      const heading = await page.locator('.results .passage-heading').innerText();
      assert.ok(heading.includes('<script>'));
      const dym = await page.locator('.did-you-mean').innerText();
      assert.ok(dym.includes('<img src=x'), 'the correction is text');
      assert.equal(await page.locator('#view img').count(), 0);
      await H.screenshot(page, 'crafted-answer');
      assert.deepEqual(page.problems.csp, []);
    } finally { await page.closeAll(); }
  });

  test('a crafted passage text in the document view is shown as text', async () => {
    const page = await H.openPage(browser);
    try {
      const id = 'gs-report-2012-2014';
      await page.route(`**/api/v1/documents/${id}/passages/*`, (route) => route.fulfill({
        status: 200, contentType: 'application/json',
        body: JSON.stringify({ id, n: 1, page: 1, heading: 'h', language: 'en', date: null, text: 'Text <script>window.__pwned=7</script> <img src=x onerror="window.__pwned=8">', countries: [], orgs: [], links: [] }),
      }));
      await H.gotoApp(page, `${archive.url}/?view=document&id=${id}`);
      await page.waitForSelector('.passage-text[data-loaded="true"]', { timeout: 10000 });
      await page.waitForTimeout(200);
      await assertInert(page);
      assert.ok((await page.locator('.passage-text[data-loaded="true"]').first().innerText()).includes('<script>'));
    } finally { await page.closeAll(); }
  });

  test('the app page is served with the Content-Security-Policy and runs under it without violations', async () => {
    const r = await fetch(archive.url + '/');
    assert.equal(r.status, 200);
    const csp = r.headers.get('content-security-policy') || '';
    assert.match(csp, /script-src 'self'/, `CSP header on / : "${csp}"`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const page = await H.openPage(browser);
    try {
      for (const v of ['/', '/?q=trafficking', '/?view=workplan', '/?view=workplan&item=mandate:7', '/?view=document&id=gs-report-2012-2014',
        '/?view=compare&q=trafficking&type=report', '/?view=coverage']) {
        await H.gotoApp(page, archive.url + v);
        await page.waitForTimeout(150);
      }
      assert.deepEqual(page.problems.csp, [], 'no CSP violation');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });
});
