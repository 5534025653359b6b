'use strict';
// The interface in English, Spanish, Portuguese and French: every visible string comes
// from web/i18n/{lang}.json; ?lang= in the URL, a visible switch, the browser's language
// as the default.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const H = require('../lib/harness');

const LANGS = ['en', 'es', 'pt', 'fr'];
const dicts = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(fs.readFileSync(path.join(H.REPO, 'web', 'i18n', `${l}.json`), 'utf8'))]));

function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${prefix}${k}.`, out);
    else out[prefix + k] = v;
  }
  return out;
}

describe('languages', () => {
  test('the four dictionaries have the same keys and no empty string', () => {
    const keys = Object.keys(flatten(dicts.en)).sort();
    for (const l of LANGS) {
      const flat = flatten(dicts[l]);
      assert.deepEqual(Object.keys(flat).sort(), keys, `${l}.json has the keys of en.json`);
      for (const [k, v] of Object.entries(flat)) {
        if (Array.isArray(v)) assert.ok(v.length > 0 && v.every((x) => typeof x === 'string' && x.trim()), `${l}: ${k}`);
        else assert.ok(typeof v === 'string' && v.trim().length > 0, `${l}: ${k} is empty`);
      }
    }
    // translated, not copied: the interface strings differ from English
    for (const l of ['es', 'pt', 'fr']) {
      for (const k of ['search.button', 'nav.workplan', 'facets.type', 'types.report', 'pillars.prevention', 'results.did_you_mean']) {
        assert.notEqual(flatten(dicts[l])[k], flatten(dicts.en)[k], `${l}: ${k} is translated`);
      }
    }
  });

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

  test('the embeddable search box carries the same strings as the dictionaries', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/');
      const strings = await page.evaluate(() => window.ATIPSearchbox && window.ATIPSearchbox.strings);
      assert.ok(strings, 'searchbox.js is loaded by the page');
      for (const l of LANGS) assert.deepEqual(strings[l], dicts[l].searchbox, `searchbox strings for ${l}`);
    } finally { await page.closeAll(); }
  });

  test('?lang=es loads Spanish; the switch changes the visible strings and the URL', async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?q=trafficking&lang=es');
      assert.equal(await page.getAttribute('html', 'lang'), 'es');
      assert.equal((await page.locator('form.search-form button[type="submit"]').innerText()).trim(), dicts.es.search.button);
      assert.equal((await page.locator('#fh-type').innerText()).trim(), dicts.es.facets.type);
      assert.equal((await page.locator('.main-nav a[data-nav="workplan"]').innerText()).trim(), dicts.es.nav.workplan);
      const badges = await page.locator('.results .hit .badge').allInnerTexts();
      const esTypes = Object.values(dicts.es.types);
      assert.ok(badges.length && badges.every((b) => esTypes.includes(b)), `type names in Spanish: ${badges}`);
      await H.screenshot(page, 'search-es');

      // the switch: a visible link per language, the current one marked
      const sw = page.locator('.lang-switch a');
      assert.equal(await sw.count(), 4);
      assert.equal(await page.getAttribute('.lang-switch a[aria-current="true"]', 'lang'), 'es');
      await page.locator('.lang-switch a[data-lang="fr"]').click();
      await page.waitForURL(/[?&]lang=fr/);
      await H.waitReady(page, 'search');
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      assert.equal((await page.locator('form.search-form button[type="submit"]').innerText()).trim(), dicts.fr.search.button);
      assert.equal((await page.locator('#fh-type').innerText()).trim(), dicts.fr.facets.type);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'trafficking', 'the search is kept');
      // links inside the app keep the chosen language
      const docLink = await page.locator('.results .hit-title a').first().getAttribute('href');
      assert.match(docLink, /[?&]lang=fr/);
      // the switched view passes axe too (no serious or critical violation)
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'search-fr');

      await page.locator('.lang-switch a[data-lang="pt"]').click();
      await page.waitForURL(/[?&]lang=pt/);
      await H.waitReady(page, 'search');
      assert.equal((await page.locator('.main-nav a[data-nav="search"]').innerText()).trim(), dicts.pt.nav.search);
      await page.goBack();
      await page.waitForURL(/[?&]lang=fr/);
      await H.waitReady(page, 'search');
      assert.equal((await page.locator('form.search-form button[type="submit"]').innerText()).trim(), dicts.fr.search.button);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('the page has a meta description, in the interface language', async () => {
    // in the file (for crawlers and link previews, which do not run the script): the English one
    const html = fs.readFileSync(path.join(H.WEB_DIR, 'index.html'), 'utf8');
    const metas = html.match(/<meta\s+name="description"\s+content="[^"]*"\s*>/g) || [];
    assert.equal(metas.length, 1, 'one <meta name="description"> in web/index.html');
    const inFile = /content="([^"]*)"/.exec(metas[0])[1];
    assert.ok(inFile.trim().length >= 50, `a sentence, not a word: "${inFile}"`);
    assert.equal(inFile, dicts.en.brand.description, 'the file carries the English description of en.json');
    const descriptions = new Set();
    for (const l of LANGS) {
      assert.ok(dicts[l].brand.description.trim().length >= 50, `${l}: brand.description`);
      descriptions.add(dicts[l].brand.description);
    }
    assert.equal(descriptions.size, 4, 'a description of its own in each language');

    const page = await H.openPage(browser);
    const description = () => page.evaluate(() => {
      const m = document.querySelectorAll('meta[name="description"]');
      return m.length === 1 ? m[0].getAttribute('content') : `${m.length} meta descriptions`;
    });
    try {
      await H.gotoApp(page, archive.url + '/');
      assert.equal(await description(), dicts.en.brand.description);
      await H.gotoApp(page, archive.url + '/?q=trafficking&lang=es');
      assert.equal(await description(), dicts.es.brand.description);
      // the language switch changes it with the rest of the page
      for (const l of ['pt', 'fr', 'en']) {
        await page.locator(`.lang-switch a[data-lang="${l}"]`).click();
        await page.waitForURL(new RegExp(`[?&]lang=${l}`));
        await H.waitReady(page, 'search');
        assert.equal(await description(), dicts[l].brand.description, `after switching to ${l}`);
      }
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('the browser language is the default', async () => {
    for (const [locale, lang] of [['es-MX', 'es'], ['pt-BR', 'pt'], ['fr-CA', 'fr'], ['de-DE', 'en']]) {
      const page = await H.openPage(browser, { locale });
      try {
        await H.gotoApp(page, archive.url + '/');
        assert.equal(await page.getAttribute('html', 'lang'), lang, `${locale} → ${lang}`);
        assert.equal((await page.locator('#home-title').innerText()).trim(), dicts[lang].home.title);
      } finally { await page.closeAll(); }
    }
  });

  test('no raw key or placeholder is visible in any language, on any view', async () => {
    const views = ['/?q=trafficking', '/?view=workplan', '/?view=workplan&item=mandate:7', '/?view=document&id=gs-report-2012-2014', '/',
      '/?view=compare&q=trafficking&type=report', '/?view=compare', '/?view=coverage'];
    for (const l of LANGS) {
      const page = await H.openPage(browser);
      try {
        for (const v of views) {
          await H.gotoApp(page, archive.url + v + (v.includes('?') ? '&' : '?') + 'lang=' + l);
          const text = await page.locator('body').innerText();
          const rawKey = /\b(nav|search|results|facets|filters|meta|hit|pager|document|workplan|types|pillars|home|errors|sort|group|counts|compare|coverage)\.[a-z_]+\b/.exec(text);
          assert.equal(rawKey, null, `${l} ${v}: raw key ${rawKey && rawKey[0]}`);
          assert.doesNotMatch(text, /\{(count|n|q|page|name|documents|passages|score|item|label|types|provisions|jurisdictions|filters|cells)\}/, `${l} ${v}: unfilled placeholder`);
          // every aria-label is translated too
          const labels = await page.$$eval('[aria-label]', (els) => els.map((e) => e.getAttribute('aria-label')));
          for (const a of labels) assert.doesNotMatch(a, /^[a-z_]+\.[a-z_.]+$/, `${l} ${v}: aria-label ${a}`);
        }
        if (l === 'pt') await H.screenshot(page, 'home-pt');
      } finally { await page.closeAll(); }
    }
  });
});
