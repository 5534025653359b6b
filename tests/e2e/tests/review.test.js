'use strict';
// Staff review on the evidence page (?view=workplan&item=mandate:7): a staff member signs in with
// their token (kept in sessionStorage for the tab, never in the URL or localStorage), confirms and
// rejects links with PUT /api/v1/documents/{id}/passages/{n}/links/{item}; the row shows its new
// status without a reload, the focus stays on the button and the live region says what happened; a
// refused token, a missing passage, a network failure and a server without an archive are each said
// in the row. Every row says why it is linked (the link's `basis`: concepts as chips, then words).
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { HtmlValidate, StaticConfigLoader } = require('html-validate');
const H = require('../lib/harness');

const dicts = Object.fromEntries(['en', 'es'].map((l) => [l, JSON.parse(fs.readFileSync(path.join(H.REPO, 'web', 'i18n', `${l}.json`), 'utf8'))]));
const CONFIG = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.htmlvalidate.json'), 'utf8'));
delete CONFIG.$schema;
const domValidator = new HtmlValidate(new StaticConfigLoader({
  ...CONFIG, rules: { ...CONFIG.rules, 'attribute-boolean-style': ['error', { style: 'empty' }] },
}));

const ITEM = 'mandate:7';
const TOKEN_NAME = 'alice';
const SECRET = 'e2e-review-secret-7f3a9c21d04b';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

function fill(s, vars) { return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)); }
function shorten(text, n) {
  text = String(text).replace(/\s+/g, ' ').trim();
  if (text.length <= n) return text;
  const cut = text.slice(0, n);
  const sp = cut.lastIndexOf(' ');
  return (sp > n * 0.6 ? cut.slice(0, sp) : cut) + '…';
}

describe('staff review on the evidence page', () => {
  let archive;
  let browser;
  let dataDir;
  let evidence; // the item's evidence before any review: [{ id, n, title, basis, method }]

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atip-e2e-data-'));
    archive = await H.startArchive({ serverArgs: ['--data', dataDir, '--token', `${TOKEN_NAME}:${SECRET}`] });
    browser = await H.launchBrowser();
    const res = await archive.api(`/api/v1/workplan/${ITEM}`);
    evidence = res.evidence.map((e) => ({ id: e.id, n: e.passage.n, title: e.title, basis: e.basis || [], method: e.method, status: e.status }));
    assert.ok(evidence.length >= 5, `${ITEM} has five passages to review: ${evidence.length}`);
    assert.ok(evidence.every((e) => e.status === 'auto'), 'nothing reviewed yet');
  });
  after(async () => {
    if (browser) await browser.close();
    if (archive) await archive.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function linkStatus(id, n) {
    const p = await archive.api(`/api/v1/documents/${id}/passages/${n}`);
    const link = (p.links || []).find((l) => l.item === ITEM);
    return link ? link.status : null;
  }
  const rowOf = (page, e) => page.locator(`.evidence-doc[data-id="${e.id}"] .evidence-passage[data-n="${e.n}"]`);
  async function liveSays(page, text) {
    await page.waitForFunction((t) => document.querySelector('#live').textContent === t, text, { timeout: 5000 });
  }
  async function signIn(page, lang, secret) {
    const d = dicts[lang].review;
    const summary = page.locator('.staff summary');
    assert.equal((await summary.innerText()).trim(), d.sign_in);
    await summary.click();
    const field = page.getByLabel(d.token, { exact: true });
    assert.equal(await field.getAttribute('type'), 'password');
    await field.fill(secret);
    await page.locator('.staff-form button[type="submit"]').click();
  }

  test('English, desktop: sign in, confirm one link and reject another; the API has both; sign out', async () => {
    const d = dicts.en;
    const [a, b] = evidence;
    const page = await H.openPage(browser, { viewport: DESKTOP });
    try {
      await H.gotoApp(page, `${archive.url}/?view=workplan&item=${ITEM}`);
      await page.evaluate(() => { window.__samePage = true; });
      assert.equal(await page.locator('.evidence-passage').count(), evidence.length);
      assert.equal(await page.locator('.review button').count(), 0, 'no review buttons before signing in');

      // why each passage is linked: its concepts as chips, then its words, in the page's language
      for (const e of evidence) {
        const why = rowOf(page, e).locator('.link-why');
        const concepts = e.basis.filter((x) => x.startsWith('concept:')).map((x) => x.slice(8).replace(/[-_]+/g, ' '));
        const words = e.basis.filter((x) => !x.startsWith('concept:'));
        assert.match((await why.innerText()).trim(), /^Why:/);
        assert.deepEqual((await why.locator('.chip-concept').allInnerTexts()).map((s) => s.trim()), concepts, `${e.id} §${e.n} concepts`);
        const wordsLabel = e.method === 'quotation' ? d.review.why_quoted : e.method === 'explicit' ? d.review.why_reference : d.review.why_words;
        if (words.length) assert.equal((await why.locator('.link-why-words').innerText()).trim(), `${wordsLabel} ${words.join(', ')}`);
      }
      assert.ok(evidence.some((e) => e.basis.some((x) => x.startsWith('concept:'))), 'some link is made by a concept');

      await signIn(page, 'en', SECRET);
      await page.locator('.review-confirm').first().waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'staff-status', 'the focus goes to the "signed in" line');
      assert.equal((await page.locator('#staff-status').innerText()).trim(), d.review.signed_in);
      assert.equal(await page.locator('.review-confirm').count(), evidence.length);
      assert.equal(await page.locator('.review-reject').count(), evidence.length);
      // the token: in this tab's sessionStorage only
      assert.doesNotMatch(page.url(), new RegExp(SECRET));
      const stored = await page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) }));
      assert.match(stored.session, new RegExp(SECRET));
      assert.doesNotMatch(stored.local, new RegExp(SECRET));
      let violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));

      // confirm the first link: status shown in the row, focus kept on the button, announced
      const ra = rowOf(page, a);
      const confirm = ra.getByRole('button', { name: d.review.confirm, exact: true });
      await confirm.click();
      await page.waitForSelector(`.evidence-doc[data-id="${a.id}"] .evidence-passage[data-n="${a.n}"][data-status="confirmed"]`);
      assert.equal((await ra.locator('.review-state').innerText()).trim(), fill(d.review.state, { status: d.statuses.confirmed }));
      assert.equal((await ra.locator('.where .status').innerText()).trim(), d.statuses.confirmed);
      assert.equal(await confirm.getAttribute('aria-pressed'), 'true');
      assert.ok(await confirm.evaluate((el) => el === document.activeElement), 'the focus stays on Confirm');
      await liveSays(page, fill(d.review.announce_confirmed, { n: a.n, title: shorten(a.title, 80) }));

      // reject the second
      const rb = rowOf(page, b);
      await rb.getByRole('button', { name: d.review.reject, exact: true }).click();
      await page.waitForSelector(`.evidence-doc[data-id="${b.id}"] .evidence-passage[data-n="${b.n}"][data-status="rejected"]`);
      assert.equal((await rb.locator('.review-state').innerText()).trim(), fill(d.review.state, { status: d.statuses.rejected }));
      assert.equal(await rb.getByRole('button', { name: d.review.reject, exact: true }).getAttribute('aria-pressed'), 'true');
      await liveSays(page, fill(d.review.announce_rejected, { n: b.n, title: shorten(b.title, 80) }));
      assert.equal(await page.evaluate(() => window.__samePage), true, 'no reload');
      assert.equal(await page.locator('.review-msg:not([hidden])').count(), 0, 'no error in any row');

      // the API has both verdicts; a rejected link leaves the item's evidence
      assert.equal(await linkStatus(a.id, a.n), 'confirmed');
      assert.equal(await linkStatus(b.id, b.n), 'rejected');
      const after1 = await archive.api(`/api/v1/workplan/${ITEM}`);
      assert.ok(!after1.evidence.some((e) => e.id === b.id && e.passage.n === b.n), 'the rejected passage is out of the evidence');
      assert.equal(after1.evidence.find((e) => e.id === a.id && e.passage.n === a.n).status, 'confirmed');

      const errors = (await domValidator.validateString(await page.content(), 'signed-in')).results
        .flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} [${m.selector || ''}]`));
      assert.deepEqual(errors, [], errors.join('\n'));
      await H.screenshot(page, 'review-signed-in');

      // a reload keeps the tab signed in and shows the API's state
      await H.gotoApp(page, `${archive.url}/?view=workplan&item=${ITEM}`);
      await page.locator('.review-confirm').first().waitFor();
      assert.equal(await rowOf(page, a).locator('.review-confirm').getAttribute('aria-pressed'), 'true');
      assert.equal(await rowOf(page, b).count(), 0, 'the rejected passage is no longer listed');

      // sign out: the token is gone, the buttons too, the focus on the sign-in
      await page.getByRole('button', { name: d.review.sign_out, exact: true }).click();
      await page.locator('.staff summary').waitFor();
      assert.equal(await page.locator('.review button').count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
      assert.doesNotMatch(await page.evaluate(() => JSON.stringify(sessionStorage)), new RegExp(SECRET));
      await liveSays(page, d.review.signed_out);
      violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('English, desktop: a wrong token is refused with a clear message and asked for again', async () => {
    const d = dicts.en;
    const c = evidence[2];
    const page = await H.openPage(browser, { viewport: DESKTOP });
    try {
      await H.gotoApp(page, `${archive.url}/?view=workplan&item=${ITEM}`);
      await signIn(page, 'en', 'not-the-secret');
      const rc = rowOf(page, c);
      await rc.locator('.review-confirm').click();
      const refused = page.locator('.staff-error');
      await refused.waitFor();
      assert.equal((await refused.innerText()).trim(), d.review.refused);
      assert.equal(await refused.getAttribute('role'), 'alert');
      assert.equal(await page.locator('.staff-signin').getAttribute('open'), '', 'the sign-in is open again');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'staff-token', 'the focus is on the token field');
      assert.equal(await page.locator('#staff-token').getAttribute('aria-describedby'), 'staff-error');
      assert.equal((await rc.locator('.review-msg').innerText()).trim(), d.review.refused_row);
      assert.equal(await page.locator('.review button').count(), 0, 'no buttons without a valid token');
      assert.equal(await rc.getAttribute('data-status'), 'auto');
      assert.doesNotMatch(await page.evaluate(() => JSON.stringify(sessionStorage)), /not-the-secret/);
      assert.equal(await linkStatus(c.id, c.n), 'auto', 'nothing changed');
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'review-refused');

      // the right token then works
      await page.locator('#staff-token').fill(SECRET);
      await page.locator('#staff-token').press('Enter');
      await rc.locator('.review-confirm').waitFor();
      assert.equal(await rc.locator('.review-msg').isHidden(), true, 'the old message is gone');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('Spanish, 360 px: confirm, reject and undo, in Spanish, checked with the API', async () => {
    const d = dicts.es;
    const [, , c, e4] = evidence;
    const page = await H.openPage(browser, { viewport: PHONE, locale: 'es-MX' });
    try {
      await H.gotoApp(page, `${archive.url}/?view=workplan&item=${ITEM}&lang=es`);
      assert.match((await rowOf(page, c).locator('.link-why').innerText()).trim(), /^Por qué:/);
      await signIn(page, 'es', SECRET);
      await page.locator('.review-confirm').first().waitFor();
      assert.equal((await page.locator('#staff-status').innerText()).trim(), d.review.signed_in);

      const rc = rowOf(page, c);
      await rc.getByRole('button', { name: 'Confirmar', exact: true }).click();
      await page.waitForSelector(`.evidence-doc[data-id="${c.id}"] .evidence-passage[data-n="${c.n}"][data-status="confirmed"]`);
      assert.equal((await rc.locator('.review-state').innerText()).trim(), 'Estado: confirmado');
      await liveSays(page, fill(d.review.announce_confirmed, { n: c.n, title: shorten(c.title, 80) }));

      const rd = rowOf(page, e4);
      const reject = rd.getByRole('button', { name: 'Descartar', exact: true });
      await reject.click();
      await page.waitForSelector(`.evidence-doc[data-id="${e4.id}"] .evidence-passage[data-n="${e4.n}"][data-status="rejected"]`);
      assert.equal((await rd.locator('.review-state').innerText()).trim(), 'Estado: descartado');
      assert.equal((await rd.locator('.where .status').innerText()).trim(), 'descartado');
      assert.equal(await linkStatus(c.id, c.n), 'confirmed');
      assert.equal(await linkStatus(e4.id, e4.n), 'rejected');

      // pressed again: the review is undone
      await reject.click();
      await page.waitForSelector(`.evidence-doc[data-id="${e4.id}"] .evidence-passage[data-n="${e4.n}"][data-status="auto"]`);
      assert.equal((await rd.locator('.review-state').innerText()).trim(), `Estado: ${d.statuses.auto}`);
      assert.equal(await reject.getAttribute('aria-pressed'), 'false');
      assert.equal(await rd.locator('.where .status').count(), 0);
      await liveSays(page, fill(d.review.announce_auto, { n: e4.n, title: shorten(e4.title, 80) }));
      assert.equal(await linkStatus(e4.id, e4.n), 'auto');

      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `no sideways scrolling at 360 px: ${width}`);
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'review-es-360');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('a missing passage (404) and a network failure are said in the row; nothing changes', async () => {
    const d = dicts.en;
    const e5 = evidence[4];
    const page = await H.openPage(browser, { viewport: DESKTOP });
    try {
      await H.gotoApp(page, `${archive.url}/?view=workplan&item=${ITEM}`);
      await signIn(page, 'en', SECRET);
      const row = rowOf(page, e5);
      await row.locator('.review-confirm').waitFor();
      const put = `**/api/v1/documents/${e5.id}/passages/${e5.n}/links/${ITEM}`;

      await page.route(put, (route) => route.fulfill({
        status: 404, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'not_found', message: `document '${e5.id}' has no passage ${e5.n}` } }),
      }));
      await row.locator('.review-confirm').click();
      await row.locator('.review-msg:not([hidden])').waitFor();
      assert.equal((await row.locator('.review-msg').innerText()).trim(), d.review.not_found);
      await liveSays(page, d.review.not_found);
      assert.equal(await row.getAttribute('data-status'), 'auto');
      assert.equal(await row.locator('.review-confirm').getAttribute('aria-pressed'), 'false');
      assert.ok(await row.locator('.review-confirm').evaluate((el) => el === document.activeElement), 'the focus stays on the button');

      await page.unroute(put);
      await page.route(put, (route) => route.abort('internetdisconnected'));
      await row.locator('.review-reject').click();
      await page.waitForFunction(([sel, text]) => {
        const el = document.querySelector(sel);
        return el && el.textContent === text;
      }, [`.evidence-doc[data-id="${e5.id}"] .evidence-passage[data-n="${e5.n}"] .review-msg`, d.review.network]);
      assert.equal(await row.getAttribute('data-status'), 'auto');
      assert.equal(await page.locator('.review-confirm').count(), evidence.length - 1 /* one rejected in the first test */, 'still signed in');
      assert.equal(await linkStatus(e5.id, e5.n), 'auto');
      H.assertClean(assert, page);
    } finally { await page.closeAll(); }
  });

  test('Spanish, 360 px: a server without an archive (no --data) says so in the row', async () => {
    const bare = await H.startArchive({ serverArgs: ['--token', `${TOKEN_NAME}:${SECRET}`] });
    const page = await H.openPage(browser, { viewport: PHONE, locale: 'es-MX' });
    try {
      const first = (await bare.api(`/api/v1/workplan/${ITEM}`)).evidence[0];
      const e = { id: first.id, n: first.passage.n };
      await H.gotoApp(page, `${bare.url}/?view=workplan&item=${ITEM}&lang=es`);
      await signIn(page, 'es', SECRET);
      const row = rowOf(page, e);
      await row.locator('.review-confirm').click();
      await row.locator('.review-msg:not([hidden])').waitFor();
      assert.equal((await row.locator('.review-msg').innerText()).trim(), dicts.es.review.no_archive);
      assert.match(dicts.es.review.no_archive, /--data/);
      await liveSays(page, dicts.es.review.no_archive);
      assert.equal(await row.getAttribute('data-status'), 'auto');
      assert.equal(await page.locator('.staff-error').count(), 0, 'the token was not refused');
      assert.equal(await page.locator('.review-confirm').count() > 0, true, 'still signed in');
      const violations = await H.checkA11y(page);
      assert.deepEqual(violations, [], H.formatViolations(violations));
      await H.screenshot(page, 'review-no-archive-es');
      H.assertClean(assert, page);
    } finally {
      await page.closeAll();
      await bare.stop();
    }
  });
});
