'use strict';
// Job 1 of the web page: a legislator finds a model provision on victim shelters in their
// language. Runs on corpus/ together with the legislation set of ../shared/corpus-src
// (national laws and treaties in en/es/pt/fr); skipped, with the reason, when it is not there.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const H = require('../lib/harness');

const MX_LAW = 'Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas';
const WORK_PLAN = 'Work Plan to Combat Trafficking in Persons in the Western Hemisphere 2010-2014';

const skip = H.hasLegislation() ? false
  : `the legislation set is not here (${H.LEGISLATION_DIR}/MANIFEST.tsv): job 1 needs national laws to search`;

/** What the reader sees of each result on the page, in order. */
function readHits(page) {
  return page.locator('.results .hit').evaluateAll((lis) => lis.map((li) => {
    const text = (sel) => { const e = li.querySelector(sel); return e ? e.innerText.trim() : ''; };
    const pdf = li.querySelector('a.open-pdf');
    return {
      title: text('.hit-title'),
      meta: text('.hit-meta'),
      badge: text('.hit-meta .badge'),
      where: text('.where'),
      snippet: text('.snippet'),
      marks: [...li.querySelectorAll('.snippet mark')].map((m) => m.innerText.trim().toLowerCase()),
      pdf: pdf ? { text: pdf.innerText.trim(), href: pdf.getAttribute('href') } : null,
      chips: [...li.querySelectorAll('.hit-links a.chip')].map((a) => ({ text: a.innerText.trim(), href: a.getAttribute('href') })),
    };
  }));
}

describe('job 1: a legislator finds a model provision on victim shelters in their language', () => {
  let archive;
  let browser;
  before(async () => {
    if (skip) return;
    archive = await H.startArchive({ legislation: true, scanned: true });
    browser = await H.launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
  });

  test('a scanned document says its text was read by OCR, in the hits, its record and each passage', { skip }, async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?view=document&id=workplan-2010-2014-scanned&lang=fr');
      await H.waitReady(page, 'document');
      assert.match(await page.locator('.doc-meta .ocr-note').innerText(), /^texte lu par OCR \(confiance de \d+ %\)$/);
      const where = await page.locator('.passages .passage .where').allInnerTexts();
      assert.ok(where.length > 0 && where.every((w) => /texte lu par OCR/.test(w)), 'every passage says so');
      // The scan is a rendering of the born-digital work plan: grouped by document, the work plan's hit
      // names it; passage by passage, the scan's own hits say they were read by OCR.
      await H.gotoApp(page, archive.url + '/?q=' + encodeURIComponent('"Work Plan"') + '&lang=fr');
      await H.waitReady(page, 'search');
      const renderings = await page.locator('.results .hit a.also-as-link').evaluateAll((els) => els.map((e) => e.dataset.id));
      assert.ok(renderings.some((id) => /^workplan-2010-2014/.test(id)), `a hit names the other rendering: ${renderings}`);
      await H.gotoApp(page, archive.url + '/?q=' + encodeURIComponent('"Work Plan"') + '&group=passage&lang=fr');
      await H.waitReady(page, 'search');
      const notes = await page.locator('.results .hit .hit-meta .ocr-note').allInnerTexts();
      assert.ok(notes.length >= 1 && notes.every((n) => n === 'texte lu par OCR'), `hits of the scan say so: ${notes}`);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('in Spanish, "albergues para víctimas" finds the Mexican law\'s shelters and the Work Plan\'s activity 37 (English)', { skip }, async () => {
    const page = await H.openPage(browser);
    try {
      await H.gotoApp(page, archive.url + '/?lang=es');
      assert.equal(await page.getAttribute('html', 'lang'), 'es');
      await page.fill('#q', 'albergues para víctimas');
      await page.press('#q', 'Enter');
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === 'albergues para víctimas');
      await H.waitReady(page, 'search');
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'es', 'the interface stays in Spanish');
      assert.match(await page.locator('#results-title').innerText(), /documentos? para «albergues para víctimas»/);

      const hits = await readHits(page);
      const titles = hits.map((x) => x.title);

      // The law in the reader's language: near the top, its passage on shelters highlighted.
      const li = hits.findIndex((x) => x.title.startsWith(MX_LAW));
      assert.ok(li >= 0, `the Mexican Ley General de trata is found: ${titles.join(' | ')}`);
      assert.ok(li <= 2, `the Spanish law is among the first three results (at ${li + 1}): ${titles.join(' | ')}`);
      const law = hits[li];
      assert.equal(law.badge, 'Ley');
      assert.match(law.meta, /México/);
      assert.match(law.meta, /Español/);
      assert.match(law.meta, /2012/);
      assert.match(law.snippet, /albergues para víctimas/i, `the passage speaks of shelters for victims: ${law.snippet}`);
      assert.ok(law.marks.includes('albergues'), `"albergues" highlighted: ${law.marks}`);
      assert.ok(law.marks.includes('víctimas'), `"víctimas" highlighted: ${law.marks}`);
      const lawPage = /página (\d+)/.exec(law.where);
      assert.ok(lawPage, `the page of the passage is shown: ${law.where}`);
      assert.equal(law.pdf.text, `Abrir el PDF en la página ${lawPage[1]}`);
      assert.match(law.pdf.href, new RegExp(`/file#page=${lawPage[1]}$`));

      // The model provision, in English: the Work Plan's activity 37, its English words
      // highlighted for the Spanish query.
      const wi = hits.findIndex((x) => x.title === WORK_PLAN);
      assert.ok(wi >= 0, `the Work Plan is found across languages: ${titles.join(' | ')}`);
      assert.ok(li < wi, 'the law in the reader\'s language comes before the English provision');
      const wp = hits[wi];
      assert.equal(wp.badge, 'Plan de trabajo');
      assert.match(wp.meta, /Inglés/);
      assert.match(wp.snippet, /^37\. Promote the establishment of .*shelters for victims of trafficking in persons/, wp.snippet);
      assert.ok(wp.marks.includes('shelters'), `"shelters" highlighted for "albergues": ${wp.marks}`);
      assert.ok(wp.marks.includes('victims'), `"victims" highlighted for "víctimas": ${wp.marks}`);
      assert.match(wp.where, /página 5/);
      assert.match(wp.pdf.href, /\/documents\/workplan-2010-2014\/file#page=5$/);
      const chip = wp.chips.find((c) => c.text === 'Actividad 37');
      assert.ok(chip, `the passage is shown as Work Plan activity 37: ${JSON.stringify(wp.chips)}`);
      const chipUrl = new URL(chip.href, archive.url);
      assert.equal(chipUrl.searchParams.get('item'), 'activity:37');
      assert.equal(chipUrl.searchParams.get('lang'), 'es');

      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'job1-shelters-es');

      // Only Spanish passages: the law stays, the English Work Plan goes.
      const es = page.locator('[data-focus-key="f:language:es"]');
      assert.equal((await page.locator('label[for="f-language-es"] .facet-name').innerText()).trim(), 'Español');
      await es.check();
      await page.waitForURL((u) => new URL(u).searchParams.getAll('language').includes('es'));
      await H.waitReady(page, 'search');
      const only = (await readHits(page)).map((x) => x.title);
      assert.ok(only.some((t) => t.startsWith(MX_LAW)), `the law is still there: ${only.join(' | ')}`);
      assert.ok(!only.includes(WORK_PLAN), `the English Work Plan is filtered out: ${only.join(' | ')}`);
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });
});
