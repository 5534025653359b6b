'use strict';
// The document view: metadata, the passages in order with their texts (loaded lazily),
// their Work Plan links, what the document cites and what cites it, the file.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('../lib/harness');

describe('document view', () => {
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

  test('metadata, passages in order with their text, Work Plan links, download link', async () => {
    const id = 'gs-report-2012-2014';
    const doc = await archive.api(`/api/v1/documents/${id}`);
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, `${archive.url}/?view=document&id=${id}`);
      assert.equal((await page.locator('#doc-title').innerText()).trim(), doc.title);
      const meta = await page.locator('dl.doc-meta').innerText();
      assert.match(meta, /Report/, 'type');
      if (doc.symbol) assert.ok(meta.includes(doc.symbol), 'symbol');
      assert.match(meta, new RegExp(String(doc.year)), 'date');
      assert.match(meta, /International/, 'jurisdiction');
      assert.match(meta, /English/, 'language');

      // passages, in order
      const items = page.locator('ol.passages > li.passage');
      assert.equal(await items.count(), doc.passages.length);
      const ns = await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-n'))));
      assert.deepEqual(ns, doc.passages.map((p) => p.n));
      // the first passage's text loads and equals the API's
      const first = doc.passages[0];
      const p1 = await archive.api(`/api/v1/documents/${id}/passages/${first.n}`);
      const box = page.locator(`#p-${first.n} .passage-text`);
      await page.waitForSelector(`#p-${first.n} .passage-text[data-loaded="true"]`, { timeout: 10000 });
      const shown = (await box.innerText()).replace(/\s+/g, ' ').trim();
      assert.equal(shown, p1.text.replace(/\s+/g, ' ').trim());

      // Work Plan items of each passage link to the item's view
      const linked = doc.passages.find((p) => p.links && p.links.length);
      if (linked) {
        const hrefs = await page.locator(`#p-${linked.n} a.chip`).evaluateAll((els) => els.map((e) => e.getAttribute('href')));
        for (const item of linked.links) {
          assert.ok(hrefs.some((h) => new URL(h, 'http://x').searchParams.get('item') === item), `passage ${linked.n} links to ${item}`);
        }
      }
      for (const item of Object.keys(doc.links || {})) {
        assert.ok(await page.locator(`section[aria-labelledby="doc-links"] a[href*="item=${encodeURIComponent(item)}"], section[aria-labelledby="doc-links"] a[href*="item=${item}"]`).count() >= 1, `links section shows ${item}`);
      }

      // the file
      const dl = page.locator('.download a[download]');
      assert.equal(await dl.getAttribute('href'), `/api/v1/documents/${id}/file`);
      const r = await page.request.get(`${archive.url}/api/v1/documents/${id}/file`);
      assert.equal(r.status(), 200);
      assert.match(r.headers()['content-type'], /application\/pdf/);

      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'document');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('what it cites and what cites it link to those documents', async () => {
    // find a document that cites one in the corpus, and the one it cites
    const ids = ['gs-report-2012-2014', 'gs-report-2012-2013', 'gs-report-2010-2012', 'workplan-2010-2014', 'activities-2004-2007'];
    const docs = {};
    for (const id of ids) docs[id] = await archive.api(`/api/v1/documents/${id}`);
    const citing = ids.find((id) => (docs[id].cites || []).some((c) => c.id));
    assert.ok(citing, 'some document cites another document of the corpus');
    const cited = docs[citing].cites.find((c) => c.id).id;

    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, `${archive.url}/?view=document&id=${citing}`);
      const citeLinks = await page.locator('#doc-cites ~ ul a, section[aria-labelledby="doc-cites"] a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
      assert.ok(citeLinks.some((h) => new URL(h, 'http://x').searchParams.get('id') === cited), `${citing} links to ${cited}`);
      const symbols = await page.locator('section[aria-labelledby="doc-cites"]').innerText();
      for (const c of docs[citing].cites) assert.ok(symbols.includes(c.symbol), `cited symbol ${c.symbol} shown`);

      // follow the link: the cited document lists the citing one under "cited by"
      await page.locator(`section[aria-labelledby="doc-cites"] a[href*="id=${cited}"]`).first().click();
      await page.waitForURL((u) => new URL(u).searchParams.get('id') === cited);
      await H.waitReady(page, 'document');
      assert.equal((await page.locator('#doc-title').innerText()).trim(), docs[cited].title);
      if ((docs[cited].cited_by || []).includes(citing)) {
        const back = await page.locator('section[aria-labelledby="doc-cited"] a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
        assert.ok(back.some((h) => new URL(h, 'http://x').searchParams.get('id') === citing), 'cited_by links back');
      }
      // titles of linked documents are filled in
      await page.waitForFunction(() => [...document.querySelectorAll('section[aria-labelledby="doc-cited"] a')].every((a) => !/^[a-z0-9-]+$/.test(a.textContent)), null, { timeout: 5000 }).catch(() => {});
      await H.screenshot(page, 'document-cited');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('from a search hit to the passage in context (#p-N) and back', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, `${archive.url}/?q=police%20academies`);
      const link = page.locator('.results .hit a.in-context').first();
      const href = await link.getAttribute('href');
      const n = /#p-(\d+)$/.exec(href)[1];
      await link.click();
      await H.waitReady(page, 'document');
      await page.waitForSelector(`#p-${n}.target .passage-text[data-loaded="true"]`, { timeout: 10000 });
      const text = await page.locator(`#p-${n} .passage-text`).innerText();
      assert.match(text, /police/i);
      assert.ok(await page.locator(`#p-${n}`).isVisible());
      // the h1 of the new view has the focus (screen readers hear where they are)
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
      await page.goBack();
      await H.waitReady(page, 'search');
      assert.equal(await page.inputValue('#q'), 'police academies');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('an unknown document gives a clear message, not a broken page', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, `${archive.url}/?view=document&id=no-such-document`);
      assert.equal(await page.locator('[role="alert"]').count(), 1);
      assert.match(await page.locator('[role="alert"]').innerText(), /does not exist/);
    } finally { await page.closeAll(); }
  });

  test('at phone width (360px) the document fits the screen', async () => {
    const page = await H.openPage(browser, { viewport: { width: 360, height: 780 } });
    try {
      await H.gotoApp(page, `${archive.url}/?view=document&id=workplan-2010-2014`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page wider than the screen by ${overflow}px`);
      await H.screenshot(page, 'document-phone');
    } finally { await page.closeAll(); }
  });
});
