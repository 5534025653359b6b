/*
 * ATIP Archive — the search box demo page (embed-demo.html).
 *
 * Puts the page in the reader's language (?lang=, else the browser's; the texts are the "embed",
 * "nav", "brand" and "footer" sections of i18n/{lang}.json), writes the snippet with this archive's
 * own address, and copies it on demand. Loaded before searchbox.js (both deferred, in that order), so
 * that the live box is drawn in the page's language.
 *
 * Texts are only ever set as textContent (no innerHTML); no inline script or style (the page's CSP).
 */
(function () {
  'use strict';

  var LANGS = ['en', 'es', 'pt', 'fr'];
  var ROOT = new URL('./', location.href);

  function pickLang() {
    var asked = (new URLSearchParams(location.search).get('lang') || '').toLowerCase();
    if (LANGS.indexOf(asked) >= 0) return { lang: asked, explicit: true };
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < prefs.length; i++) {
      var c = String(prefs[i] || '').toLowerCase().split(/[-_]/)[0];
      if (LANGS.indexOf(c) >= 0) return { lang: c, explicit: false };
    }
    return { lang: 'en', explicit: false };
  }

  var picked = pickLang();
  var lang = picked.lang;
  var scriptUrl = new URL('searchbox.js', ROOT).href;

  // Before searchbox.js mounts it: the live box speaks the page's language.
  var liveBox = document.getElementById('embed-live');
  if (liveBox) liveBox.setAttribute('data-lang', lang);

  /** The two lines to paste, with this archive's address. */
  function snippet() {
    return '<div data-atip-searchbox data-lang="' + lang + '"></div>\n<script src="' + scriptUrl + '"></script>';
  }
  var code = document.getElementById('embed-snippet');
  if (code) code.textContent = snippet();

  var dict = {};
  var fallback = {};
  function lookup(d, key) {
    return key.split('.').reduce(function (v, k) { return v && typeof v === 'object' ? v[k] : undefined; }, d);
  }
  function t(key) {
    var v = lookup(dict, key);
    if (typeof v !== 'string') v = lookup(fallback, key);
    return typeof v === 'string' ? v : null;
  }

  function loadDict(l) {
    return fetch(new URL('i18n/' + l + '.json', ROOT).href, { headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error('i18n ' + r.status); return r.json(); });
  }

  function translate() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (el) {
      var v = t(el.getAttribute('data-i18n'));
      if (v) el.textContent = v;
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-aria-label]'), function (el) {
      var v = t(el.getAttribute('data-i18n-aria-label'));
      if (v) el.setAttribute('aria-label', v);
    });
    var title = t('embed.page_title');
    var brand = t('brand.name');
    if (title && brand) document.title = title + ' — ' + brand;
    var lead = t('embed.lead');
    var desc = document.querySelector('meta[name="description"]');
    if (lead && desc) desc.setAttribute('content', lead);
  }

  /** Links keep the language the reader chose; the switch marks the current one. */
  function links() {
    var suffix = picked.explicit ? 'lang=' + lang : '';
    Array.prototype.forEach.call(document.querySelectorAll('a[data-home]'), function (a) {
      a.setAttribute('href', './' + (suffix ? '?' + suffix : ''));
    });
    Array.prototype.forEach.call(document.querySelectorAll('a[data-view]'), function (a) {
      a.setAttribute('href', './?view=' + encodeURIComponent(a.getAttribute('data-view')) + (suffix ? '&' + suffix : ''));
    });
    Array.prototype.forEach.call(document.querySelectorAll('.lang-switch a[data-lang]'), function (a) {
      if (a.getAttribute('data-lang') === lang) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    });
  }

  function ready() {
    document.documentElement.lang = Object.keys(dict).length ? lang : 'en';
    links();
    // The English texts of the file keep their place hidden until now (style.css).
    document.documentElement.setAttribute('data-i18n-ready', document.documentElement.lang);
  }

  var wanted = [loadDict(lang).catch(function () { return null; })];
  if (lang !== 'en') wanted.push(loadDict('en').catch(function () { return null; }));
  Promise.all(wanted).then(function (ds) {
    dict = ds[0] || {};
    fallback = ds[1] || ds[0] || {};
    if (ds[0]) translate();
    ready();
  });

  // Copy the code (the Clipboard API; else the code is selected for the reader to copy).
  var button = document.getElementById('embed-copy');
  var status = document.getElementById('embed-copy-status');
  function selectCode() {
    if (!code || !window.getSelection) return;
    var range = document.createRange();
    range.selectNodeContents(code);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  function said(ok) {
    if (status) status.textContent = t(ok ? 'embed.copied' : 'embed.copy_failed') || '';
    if (!ok) selectCode();
  }
  if (button) {
    button.addEventListener('click', function () {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(snippet()).then(function () { said(true); }, function () { said(false); });
      } else {
        said(false);
      }
    });
  }
})();
