'use strict';
// The document view of a law, read as a legislator reads it: the outline beside the text (book ›
// title › chapter › article, each entry a link to its passage, the current one marked), each passage
// under its article's label and the chapter headings where a chapter begins, numbered fractions on
// their own lines, the words of the search marked in the whole text, and "cite this" with an
// absolute permalink; in the results list, "also as" for the same law in another rendering.
// On corpus/ together with the legislation set of ../shared/corpus-src (skipped, with the reason,
// when it is not there), in English and Spanish, at 1280 and 360 px.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { HtmlValidate, StaticConfigLoader } = require('html-validate');
const H = require('../lib/harness');

const skip = H.hasLegislation() ? false
  : `the legislation set is not here (${H.LEGISLATION_DIR}/MANIFEST.tsv): the structure of laws needs the laws`;

const MX = 'mx-ley-general-trata-2012-es';
const MX_TITLE = 'Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas';
const REPORT = 'gs-report-2012-2014';
const PHONE = { width: 360, height: 780 };

// What the reader sees, in each interface language.
const UI = {
  en: {
    outline: 'Contents', articles: /^Contents \(\d+ articles\)$/, alsoAs: 'Also as:', cite: 'Cite this passage',
    copy: 'Copy', copied: 'Citation copied', country: 'Mexico', highlighted: 'Words of your search marked in the text:',
    page: 'page',
  },
  es: {
    outline: 'Índice', articles: /^Índice \(\d+ artículos\)$/, alsoAs: 'También como:', cite: 'Citar este pasaje',
    copy: 'Copiar', copied: 'Cita copiada', country: 'México', highlighted: 'Palabras de su búsqueda marcadas en el texto:',
    page: 'página',
  },
};

const CONFIG = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.htmlvalidate.json'), 'utf8'));
delete CONFIG.$schema;
// As in html-validate.test.js: the browser serialises boolean attributes as open="".
const validator = new HtmlValidate(new StaticConfigLoader({
  ...CONFIG, rules: { ...CONFIG.rules, 'attribute-boolean-style': ['error', { style: 'empty' }] },
}));
async function assertValid(page, name) {
  const report = await validator.validateString(await page.content(), name);
  const errors = report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message} [${m.selector || ''}]`));
  assert.deepEqual(errors, [], `html-validate on ${name}`);
}
async function assertA11y(page, what) {
  const violations = await H.checkA11y(page);
  assert.deepEqual(violations, [], `${what}:\n${H.formatViolations(violations)}`);
}
async function noSidewaysScroll(page, what) {
  const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(m.scroll <= m.inner, `${what}: the page scrolls sideways (scrollWidth ${m.scroll} > innerWidth ${m.inner})`);
}

/** Accents off, lower case: how the reader's "victimas" matches "Víctimas". */
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The chain of outline nodes (outermost first) down to the first node pred accepts. */
function findChain(nodes, pred, chain = []) {
  for (const node of nodes || []) {
    const c = [...chain, node];
    if (pred(node)) return c;
    const below = findChain(node.children, pred, c);
    if (below) return below;
  }
  return null;
}

/** Whether the element's box is (at least partly) on the screen. */
function onScreen(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
  });
}

/** The outline entry of an article as the reader sees it: the entries it is nested in, and itself. */
function outlineChain(page, label) {
  return page.evaluate((want) => {
    const text = (el, sel) => { const e = el && el.querySelector(sel); return e ? e.textContent.trim() : null; };
    const a = [...document.querySelectorAll('#outline-panel a.outline-link')].find((x) => text(x, ':scope > .outline-label') === want);
    if (!a) return null;
    const chain = [];
    for (let li = a.closest('li'); li; li = li.parentElement.closest('li')) {
      const link = li.querySelector(':scope > .outline-link');
      chain.unshift({ label: text(link, ':scope > .outline-label'), caption: text(link, ':scope > .outline-caption'), href: link.getAttribute('href') });
    }
    return chain;
  }, label);
}

describe('the structure of a law in the document view: outline, labels, fractions, highlights, citation', () => {
  let archive;
  let browser;
  let art10; // the Mexican law's Artículo 10: its outline chain (API), passage and page
  let renderings; // the Mexican law's other renderings (API)
  before(async () => {
    if (skip) return;
    archive = await H.startArchive({ legislation: true });
    browser = await H.launchBrowser();
    const outline = await archive.api(`/api/v1/documents/${MX}/outline`);
    const chain = findChain(outline.outline, (n) => n.kind === 'article' && n.label === 'Artículo 10');
    assert.ok(chain, 'the API outline of the Mexican law has Artículo 10');
    const passage = await archive.api(`/api/v1/documents/${MX}/passages/${chain[chain.length - 1].passage}`);
    art10 = { chain, n: passage.n, page: passage.page, passage };
    renderings = (await archive.api(`/api/v1/documents/${MX}`)).renderings.map((d) => d.id);
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
  });

  for (const lang of ['en', 'es']) {
    const ui = UI[lang];

    test(`${lang}: the Mexican law's outline nests LIBRO PRIMERO › TÍTULO › CAPÍTULO › Artículo 10; its entry opens the article, marked current, under its chapter heading, fractions on their own lines`, { skip }, async () => {
      const page = await H.openPage(browser);
      try {
        await H.gotoApp(page, `${archive.url}/?view=document&id=${MX}&lang=${lang}`);
        const panel = page.locator('#outline-panel');
        assert.ok(await panel.isVisible(), 'the outline is beside the text');
        assert.equal((await page.locator('#outline-title').innerText()).trim(), ui.outline);
        assert.equal(await page.locator('#outline-panel nav[aria-labelledby="outline-title"]').count(), 1, 'a navigation landmark named by its heading');

        // Nested as the law is: the book, the title, the chapter, the article, with their captions.
        const seen = await outlineChain(page, 'Artículo 10');
        assert.ok(seen, 'the outline has an entry "Artículo 10"');
        const want = art10.chain.map((node) => node.label);
        assert.deepEqual(seen.map((e) => e.label), want, 'the entries it is nested in are those of the API');
        assert.equal(want[0], 'LIBRO PRIMERO');
        assert.match(want[1], /^TÍTULO /);
        assert.match(want[2], /^CAPÍTULO /);
        art10.chain.forEach((node, i) => {
          if (node.caption && node.caption.length <= 140) assert.equal(seen[i].caption, node.caption, `the caption of ${node.label}`);
          assert.equal(seen[i].href, `#p-${node.passage}`, `${node.label} links to its first passage`);
        });

        // Clicking it: the article comes into view, the URL says #p-N, the entry is the current one.
        await page.locator('#outline-panel a.outline-link', { has: page.locator(':scope > .outline-label', { hasText: /^Artículo 10$/ }) }).click();
        await page.waitForFunction((n) => location.hash === `#p-${n}`, art10.n);
        await page.waitForSelector(`#p-${art10.n}.target .passage-text[data-loaded="true"]`, { timeout: 10000 });
        await page.waitForTimeout(300);
        assert.ok(await onScreen(page, `#p-${art10.n} .passage-title`), 'the article is on the screen');
        assert.equal(new URL(page.url()).searchParams.get('id'), MX, 'the same document');
        const current = await page.locator('#outline-panel [aria-current]').evaluateAll((els) => els.map((e) => [e.getAttribute('aria-current'), e.textContent.trim()]));
        assert.equal(current.length, 1, `one current entry: ${JSON.stringify(current)}`);
        assert.equal(current[0][0], 'location');
        assert.match(current[0][1], /^Artículo 10\b/);

        // The passage: the article's label as its title, the chapter's heading where the chapter begins.
        const title = (await page.locator(`#p-${art10.n} .passage-title`).innerText()).trim();
        assert.match(title, new RegExp(`^§${art10.n} Artículo 10$`), `the passage's title: ${title}`);
        const chapter = art10.chain[2];
        assert.equal(chapter.passage, art10.n, 'Artículo 10 begins its chapter (the law)');
        const heads = await page.locator(`#p-${art10.n} .struct-heading`).allInnerTexts();
        assert.ok(heads.map((x) => x.replace(/\s+/g, ' ').trim()).includes(`${chapter.label} ${chapter.caption}`),
          `the chapter heading above the article: ${JSON.stringify(heads)}`);
        assert.equal(await page.locator(`#p-${art10.n + 1} .struct-heading`).count(), 0, 'no heading where the chapter goes on');

        // Fractions I., II., … each on a line of its own; the margin note before VIII. on its own too.
        const lines = await page.locator(`#p-${art10.n} .passage-text p`).evaluateAll((ps) => ps.map((p) => {
          const r = p.getBoundingClientRect();
          return { text: p.innerText.trim(), top: r.top, bottom: r.bottom };
        }));
        const line = (start) => lines.find((l) => l.text.startsWith(start));
        for (const start of ['I. La esclavitud', 'II. La condición de siervo', 'III. La prostitución ajena', 'VIII. La adopción ilegal', 'XI. Experimentación biomédica']) {
          assert.ok(line(start), `a line begins "${start}": ${JSON.stringify(lines.map((l) => l.text.slice(0, 30)))}`);
        }
        assert.ok(line('II. La condición').top >= line('I. La esclavitud').bottom - 1, 'II. is below I., not beside it');
        assert.equal((await page.locator(`#p-${art10.n} .passage-text`).innerText()).replace(/\s+/g, ' ').trim(),
          art10.passage.text.replace(/\s+/g, ' ').trim(), 'the whole text of the article, nothing more');

        await assertA11y(page, `${lang}: the law's outline and article`);
        await assertValid(page, `document-structure-${lang}`);
        await H.screenshot(page, `document-structure-${lang}`);
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });

    test(`${lang}: "víctimas" in the results: the Mexican law once, "also as" its other rendering; opened, "víctimas" is marked in its text, accents and case aside`, { skip }, async () => {
      const page = await H.openPage(browser);
      try {
        await H.gotoApp(page, `${archive.url}/?lang=${lang}`);
        await page.fill('#q', 'víctimas');
        await page.press('#q', 'Enter');
        await page.waitForURL((u) => new URL(u).searchParams.get('q') === 'víctimas');
        await H.waitReady(page, 'search');
        const hits = await page.locator('.results .hit').evaluateAll((lis) => lis.map((li) => ({
          id: li.getAttribute('data-id'),
          title: li.querySelector('.hit-title').innerText.trim(),
          also: li.querySelector('.also-as') ? li.querySelector('.also-as').innerText.trim() : null,
          alsoIds: [...li.querySelectorAll('.also-as a')].map((a) => new URL(a.href).searchParams.get('id')),
        })));
        const laws = hits.filter((x) => x.title.startsWith(MX_TITLE));
        assert.equal(laws.length, 1, `the Mexican law once in the list: ${hits.map((x) => x.id).join(', ')}`);
        const law = laws[0];
        assert.ok(law.also && law.also.startsWith(ui.alsoAs), `"${ui.alsoAs}" on the law's hit: ${law.also}`);
        assert.deepEqual([law.id, ...law.alsoIds].sort(), [MX, ...renderings].sort(), 'the hit and its "also as" are the renderings of the law');

        // The hit opens the law at its passage, the word marked there and on the screen.
        const li = page.locator(`.results .hit[data-id="${law.id}"]`);
        const href = await li.locator('.hit-title a').getAttribute('href');
        const n = Number(/#p-(\d+)$/.exec(href)[1]);
        assert.equal(new URL(href, archive.url).searchParams.get('q'), 'víctimas', 'the search goes along');
        await li.locator('.hit-title a').click();
        await H.waitReady(page, 'document');
        await page.waitForSelector(`#p-${n}.target .passage-text[data-loaded="true"]`, { timeout: 10000 });
        const marks = await page.locator(`#p-${n} .passage-text mark`).allInnerTexts();
        assert.ok(marks.length >= 1, 'the words are marked in the passage');
        assert.ok(marks.every((m) => /^victimas?$/.test(fold(m))), `only the search's word is marked: ${marks}`);
        assert.ok(marks.includes('víctimas'), `"víctimas" marked: ${marks}`);
        await page.waitForFunction((sel) => {
          const m = document.querySelector(sel);
          const r = m && m.getBoundingClientRect();
          return r && r.top >= 0 && r.bottom <= window.innerHeight;
        }, `#p-${n} .passage-text mark`, { timeout: 5000 });
        assert.equal((await page.locator('.highlight-note').innerText()).split(' víctimas')[0].trim(), ui.highlighted);
        // Marked as text: the text holds nothing but its lines and the marks.
        const tags = await page.locator('.passage-text[data-loaded] *').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
        assert.deepEqual(tags.filter((x) => x !== 'P' && x !== 'MARK'), [], 'no other markup in the texts');
        await assertA11y(page, `${lang}: the law with the search's words marked`);

        // Back, and "also as": the other rendering, the search's word marked, the first mark shown.
        await page.goBack();
        await H.waitReady(page, 'search');
        const other = law.alsoIds[0];
        await page.locator(`.results .hit[data-id="${law.id}"] .also-as a`).first().click();
        await page.waitForURL((u) => new URL(u).searchParams.get('id') === other);
        await H.waitReady(page, 'document');
        await page.waitForFunction(() => {
          const m = document.querySelector('.passage-text mark');
          const r = m && m.getBoundingClientRect();
          return r && r.top >= 0 && r.bottom <= window.innerHeight;
        }, null, { timeout: 10000 });
        const first = await page.locator('.passage-text mark').first().innerText();
        assert.match(fold(first), /^victimas?$/);
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });

    test(`${lang}: "VICTIMAS" without its accent marks "víctimas" and "Víctimas"; "cite this" on the article: the law, (${ui.country}), art. 10, its page and the absolute permalink, copied`, { skip }, async () => {
      const page = await H.openPage(browser);
      try {
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: archive.url });
        await H.gotoApp(page, `${archive.url}/?view=document&id=${MX}&q=VICTIMAS&lang=${lang}#p-${art10.n}`);
        await page.waitForSelector(`#p-${art10.n}.target .passage-text[data-loaded="true"]`, { timeout: 10000 });
        assert.ok(await onScreen(page, `#p-${art10.n} .passage-title`), 'the article in the link is on the screen');
        await page.waitForFunction(() => document.querySelectorAll('.passage-text:not([data-loaded])').length === 0, null, { timeout: 15000 });
        const marked = await page.locator('.passage-text mark').allInnerTexts();
        assert.ok(marked.includes('víctimas'), `"víctimas" is marked for "VICTIMAS": ${marked.slice(0, 10)}`);
        assert.ok(marked.some((m) => /^V[ÍI]CTIMAS$/i.test(m) && m !== 'víctimas'), `…and its capitalised forms: ${[...new Set(marked)]}`);
        assert.ok(marked.every((m) => /^victimas?$/.test(fold(m))), `nothing else: ${[...new Set(marked)]}`);

        // The citation of the targeted article is shown; the others' are folded.
        const cite = page.locator(`#p-${art10.n} details.cite`);
        assert.equal(await cite.evaluate((d) => d.open), true, 'the citation of the article in the link is open');
        assert.equal((await cite.locator('summary').innerText()).trim(), ui.cite);
        const line = (await cite.locator('.cite-text').innerText()).trim();
        assert.ok(await cite.locator('.cite-text').isVisible());
        const url = `${archive.url}/?view=document&id=${MX}#p-${art10.n}`;
        assert.ok(line.startsWith(MX_TITLE), `the law's title first: ${line}`);
        assert.ok(line.includes(`(${ui.country})`), `the country in the interface language: ${line}`);
        assert.ok(line.includes(`, art. 10, p. ${art10.page} — ${url}`), `article, page and absolute permalink: ${line}`);
        assert.ok(line.endsWith(url), line);
        assert.equal(await page.locator(`#p-${art10.n + 1} details.cite`).evaluate((d) => d.open), false, 'the next article\'s citation is folded');
        assert.match(await page.locator(`#p-${art10.n + 1} details.cite .cite-text`).textContent(), / art\. 11, p\. \d+ — /);

        // Copy: the citation is on the clipboard, and the button says so.
        await cite.locator('button.cite-copy').click();
        await page.waitForFunction(([sel, text]) => document.querySelector(sel).textContent.trim() === text,
          [`#p-${art10.n} .cite-copy-label`, ui.copied], { timeout: 3000 });
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), line);

        // The permalink itself opens the article (the interface in the browser's language).
        const p2 = await H.openPage(browser);
        try {
          await H.gotoApp(p2, url);
          await p2.waitForSelector(`#p-${art10.n}.target .passage-text[data-loaded="true"]`, { timeout: 10000 });
          assert.ok(await onScreen(p2, `#p-${art10.n} .passage-title`), 'the permalink opens the article');
          assert.match((await p2.locator('#outline-panel [aria-current]').innerText()).trim(), /^Artículo 10\b/);
        } finally { await p2.closeAll(); }

        await assertA11y(page, `${lang}: citation and marks`);
        await assertValid(page, `document-cite-${lang}`);
        await H.screenshot(page, `document-cite-${lang}`);
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });

    test(`${lang} at 360 px: the outline is folded above the text, nothing is wider than the screen; an entry opens its article and folds the outline`, { skip }, async () => {
      const page = await H.openPage(browser, { viewport: PHONE });
      try {
        await H.gotoApp(page, `${archive.url}/?view=document&id=${MX}&q=v%C3%ADctimas&lang=${lang}#p-${art10.n}`);
        await page.waitForSelector(`#p-${art10.n}.target .passage-text[data-loaded="true"]`, { timeout: 10000 });
        const panel = page.locator('#outline-panel');
        assert.equal(await panel.evaluate((d) => d.open), false, 'folded on a phone');
        assert.match((await panel.locator('summary').innerText()).trim(), ui.articles);
        const box = await panel.boundingBox();
        assert.ok(box.height < 70, `folded, it takes one line (${box.height}px)`);
        assert.ok(await onScreen(page, `#p-${art10.n} .passage-title`), 'the article is on the screen');
        assert.ok(await onScreen(page, `#p-${art10.n} .passage-text`), 'and its text');
        await noSidewaysScroll(page, `${lang} 360px, article with its citation open`);

        await panel.locator('summary').click();
        assert.equal(await panel.evaluate((d) => d.open), true);
        assert.ok(await page.locator('#outline-panel a.outline-link').first().isVisible(), 'the entries shown');
        await noSidewaysScroll(page, `${lang} 360px, outline open`);
        await assertA11y(page, `${lang} 360px, outline open`);
        await H.screenshot(page, `document-structure-phone-${lang}`);

        const next = art10.n + 1;
        await page.locator(`#outline-panel a.outline-link[href="#p-${next}"]`).first().click();
        await page.waitForFunction((n) => location.hash === `#p-${n}`, next);
        await page.waitForSelector(`#p-${next}.target .passage-text[data-loaded="true"]`, { timeout: 10000 });
        await page.waitForTimeout(300);
        assert.equal(await panel.evaluate((d) => d.open), false, 'the outline folds away');
        assert.ok(await onScreen(page, `#p-${next} .passage-title`), 'the chosen article is on the screen');
        assert.match((await page.locator(`#p-${next} .passage-title`).innerText()).trim(), /Artículo 11$/);
        await noSidewaysScroll(page, `${lang} 360px, after choosing an entry`);
        H.assertClean(assert, page);
      } finally { await page.closeAll(); }
    });
  }

  test('a report has no outline (its headings are no structure), its passages under their headings as before, each with its citation', { skip }, async () => {
    const page = await H.openPage(browser);
    try {
      const outline = await archive.api(`/api/v1/documents/${REPORT}/outline`);
      assert.ok(outline.outline.every(function flat(n) { return n.kind === 'heading' && (n.children || []).every(flat); }), 'the report\'s outline is headings only');
      await H.gotoApp(page, `${archive.url}/?view=document&id=${REPORT}`);
      assert.equal(await page.locator('#outline-panel').count(), 0, 'no outline');
      assert.equal(await page.locator('.struct-heading').count(), 0, 'no chapter headings');
      const doc = await archive.api(`/api/v1/documents/${REPORT}`);
      const withHeading = doc.passages.find((p) => p.heading);
      if (withHeading) {
        assert.ok((await page.locator(`#p-${withHeading.n} .passage-title`).innerText()).includes(withHeading.heading), 'its passages under their headings');
      }
      const first = doc.passages[0].n;
      await page.waitForSelector(`#p-${first} .passage-text[data-loaded="true"]`, { timeout: 10000 });
      assert.match(await page.locator(`#p-${first} details.cite .cite-text`).textContent(),
        new RegExp(`, p\\. ${doc.passages[0].page} — ${archive.url.replace(/[.]/g, '\\.')}/\\?view=document&id=${REPORT}#p-${first}$`));
      await noSidewaysScroll(page, 'the report at 1280px');
      await assertA11y(page, 'the report');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });
});
