/*
 * ATIP Archive — embeddable search box.
 *
 * On any website:
 *   <div data-atip-searchbox data-lang="es"></div>
 *   <script src="https://archive.example/searchbox.js"></script>
 * Options (attributes of the element): data-lang (en, es, pt, fr; default the page's lang, then
 * the browser's), data-placeholder (the example in the empty box). The archive's page
 * /embed-demo.html documents them.
 *
 * The script finds the archive from its own src, renders a labelled search input with
 * autocomplete (ARIA 1.2 combobox; suggestions from <archive>/api/v1/suggest, fetched
 * cross-origin) inside a Shadow DOM (so the host page's CSS does not leak in or out),
 * and on submit sends the reader to <archive>/?q=...&lang=...
 *
 * The archive's own page (index.html) loads this file too and reuses the combobox
 * behaviour through window.ATIPSearchbox.attachCombobox.
 *
 * Suggestions from another origin work only when the archive's operator allows that origin
 * (atip-server --cors-origin <origin>). When the request fails (CORS or network), the box keeps
 * searching, says "suggestions unavailable" under the input, sets
 * data-atip-suggestions="unavailable" on its element (and "available" once suggestions came) and
 * writes one console warning naming the fix.
 *
 * Strings: the four entries of STRINGS mirror the "searchbox" section of web/i18n/*.json
 * (tests/e2e checks that they stay equal). They are built in so that the box renders at
 * once on a foreign page without a second cross-origin request.
 */
(function () {
  'use strict';

  var LANGS = ['en', 'es', 'pt', 'fr'];
  var STRINGS = {
    en: {
      label: 'Search the OAS anti-trafficking archive',
      placeholder: 'e.g. victim protection',
      button: 'Search',
      suggestions: 'Suggestions',
      suggestions_count: '{count} suggestions available. Use the up and down arrow keys to choose one.',
      suggestions_unavailable: 'Suggestions unavailable'
    },
    es: {
      label: 'Buscar en el archivo de la OEA contra la trata de personas',
      placeholder: 'p. ej., protección de víctimas',
      button: 'Buscar',
      suggestions: 'Sugerencias',
      suggestions_count: '{count} sugerencias disponibles. Use las flechas arriba y abajo para elegir una.',
      suggestions_unavailable: 'Sugerencias no disponibles'
    },
    pt: {
      label: 'Pesquisar no arquivo da OEA contra o tráfico de pessoas',
      placeholder: 'p. ex., proteção de vítimas',
      button: 'Pesquisar',
      suggestions: 'Sugestões',
      suggestions_count: '{count} sugestões disponíveis. Use as setas para cima e para baixo para escolher uma.',
      suggestions_unavailable: 'Sugestões indisponíveis'
    },
    fr: {
      label: 'Rechercher dans les archives de l’OEA sur la traite des personnes',
      placeholder: 'p. ex. protection des victimes',
      button: 'Rechercher',
      suggestions: 'Suggestions',
      suggestions_count: '{count} suggestions disponibles. Utilisez les flèches haut et bas pour en choisir une.',
      suggestions_unavailable: 'Suggestions indisponibles'
    }
  };

  // Where the archive lives: the folder that holds this script.
  var thisScript = document.currentScript;
  if (!thisScript) {
    var all = document.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0; i--) {
      if (/searchbox\.js(\?|#|$)/.test(all[i].src)) { thisScript = all[i]; break; }
    }
  }
  var BASE = new URL('./', thisScript && thisScript.src ? thisScript.src : location.href).href;

  var uid = 0;

  /**
   * Gives an <input> and an (empty) listbox <ul> the behaviour of an ARIA 1.2 combobox
   * with list autocomplete.
   *   opts.fetch(text) -> Promise<string[]>   suggestions for the typed text
   *   opts.onSubmit(value)                    called when a suggestion is chosen with Enter or a click
   *   opts.announce(count)                    optional: text for a live region
   *   opts.live                               optional: element whose text announces the count
   */
  function attachCombobox(input, listbox, opts) {
    var id = listbox.id || ('atip-sb-list-' + (++uid));
    listbox.id = id;
    listbox.setAttribute('role', 'listbox');
    listbox.hidden = true;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('spellcheck', 'false');

    var items = [];
    var active = -1;
    var timer = null;
    var seq = 0;
    var lastText = null;

    function isFocused() {
      var r = input.getRootNode ? input.getRootNode() : document;
      return (r.activeElement || document.activeElement) === input;
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function setActive(i) {
      var opts2 = listbox.children;
      if (active >= 0 && opts2[active]) opts2[active].setAttribute('aria-selected', 'false');
      active = i;
      if (i >= 0 && opts2[i]) {
        opts2[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', opts2[i].id);
        if (opts2[i].scrollIntoView) opts2[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function show(list, typed) {
      items = list.slice(0, 10);
      while (listbox.firstChild) listbox.removeChild(listbox.firstChild);
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (!items.length || !isFocused()) {
        close();
        if (opts.live) opts.live.textContent = '';
        return;
      }
      items.forEach(function (text, i) {
        var li = document.createElement('li');
        li.id = id + '-opt-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.className = 'atip-option';
        // Emphasise the part that was typed (built as text nodes, never as HTML).
        var lower = text.toLowerCase();
        var pos = typed ? lower.indexOf(typed.toLowerCase()) : -1;
        if (pos >= 0 && typed) {
          if (pos > 0) li.appendChild(document.createTextNode(text.slice(0, pos)));
          var b = document.createElement('strong');
          b.textContent = text.slice(pos, pos + typed.length);
          li.appendChild(b);
          li.appendChild(document.createTextNode(text.slice(pos + typed.length)));
        } else {
          li.textContent = text;
        }
        // mousedown, not click: keep the focus in the input.
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { choose(i); });
        listbox.appendChild(li);
      });
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      if (opts.live && opts.announce) opts.live.textContent = opts.announce(items.length);
    }

    function choose(i) {
      var value = items[i];
      if (value == null) return;
      input.value = value;
      close();
      if (opts.onSubmit) opts.onSubmit(value);
    }

    function refresh() {
      var text = input.value.trim();
      if (text === lastText && !listbox.hidden) return;
      lastText = text;
      if (text.length < 1) { show([], ''); return; }
      var mine = ++seq;
      Promise.resolve(opts.fetch(text)).then(function (list) {
        if (mine !== seq) return;
        show(Array.isArray(list) ? list.filter(function (s) { return typeof s === 'string' && s; }) : [], text);
      }, function () {
        if (mine === seq) show([], text);
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      lastText = null;
      timer = setTimeout(refresh, 120);
    });
    input.addEventListener('keydown', function (e) {
      var open = !listbox.hidden && items.length > 0;
      switch (e.key) {
        case 'ArrowDown':
          e.preventDefault();
          if (!open) { lastText = null; refresh(); return; }
          setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case 'ArrowUp':
          e.preventDefault();
          if (!open) return;
          setActive(active - 1 < 0 ? items.length - 1 : active - 1);
          break;
        case 'Enter':
          if (open && active >= 0) { e.preventDefault(); choose(active); }
          else close();
          break;
        case 'Escape':
          if (open) { e.preventDefault(); close(); }
          else if (input.value) { e.preventDefault(); input.value = ''; }
          break;
        case 'Tab':
          close();
          break;
        default:
          break;
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 0); });
    return { close: close, refresh: refresh };
  }

  function pickLang(el) {
    var cands = [el.getAttribute('data-lang'), document.documentElement.lang]
      .concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < cands.length; i++) {
      var c = (cands[i] || '').toLowerCase().split(/[-_]/)[0];
      if (LANGS.indexOf(c) >= 0) return c;
    }
    return 'en';
  }

  var CSS = [
    ':host{all:initial;display:block;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1b1b}',
    '*{box-sizing:border-box}',
    'form{margin:0}',
    'label{display:block;font-weight:600;margin:0 0 .35em;color:#0b2f5b}',
    '.row{display:flex;gap:.5em;position:relative}',
    '.combo{position:relative;flex:1 1 auto;min-width:0}',
    'input{width:100%;font:inherit;padding:.55em .7em;border:2px solid #44546a;border-radius:6px;background:#fff;color:#1b1b1b;min-height:44px}',
    'input:focus{outline:3px solid #f2a900;outline-offset:1px;border-color:#0b2f5b}',
    'button{font:inherit;font-weight:600;padding:.55em 1em;border:2px solid #0b2f5b;border-radius:6px;background:#0b2f5b;color:#fff;cursor:pointer;min-height:44px}',
    'button:hover{background:#134a8c}',
    'button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}',
    'ul{list-style:none;margin:4px 0 0;padding:4px 0;position:absolute;left:0;right:0;top:100%;z-index:2147483000;background:#fff;border:1px solid #44546a;border-radius:6px;box-shadow:0 6px 18px rgba(0,0,0,.18);max-height:18em;overflow:auto}',
    'ul[hidden]{display:none}',
    'li{padding:.5em .75em;cursor:pointer;color:#1b1b1b}',
    'li strong{font-weight:700}',
    'li[aria-selected="true"],li:hover{background:#0b2f5b;color:#fff}',
    '.note{margin:.35em 0 0;font-size:.875em;color:#4a5563}',
    '.note[hidden]{display:none}',
    '.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}'
  ].join('\n');

  function applyStyles(root) {
    try {
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
        return;
      }
    } catch (e) { /* fall through */ }
    var style = document.createElement('style');
    style.textContent = CSS;
    root.appendChild(style);
  }

  function mount(host) {
    if (!host || host.__atipMounted) return;
    host.__atipMounted = true;
    var lang = pickLang(host);
    var s = STRINGS[lang];
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    applyStyles(root);
    var n = ++uid;

    var form = document.createElement('form');
    form.setAttribute('role', 'search');
    form.setAttribute('action', BASE);
    form.setAttribute('method', 'get');
    form.setAttribute('lang', lang);

    var label = document.createElement('label');
    label.setAttribute('for', 'atip-q-' + n);
    label.textContent = s.label;

    var row = document.createElement('div');
    row.className = 'row';
    var combo = document.createElement('div');
    combo.className = 'combo';
    var input = document.createElement('input');
    input.type = 'search';
    input.name = 'q';
    input.id = 'atip-q-' + n;
    input.placeholder = host.getAttribute('data-placeholder') || s.placeholder;
    input.setAttribute('enterkeyhint', 'search');
    var list = document.createElement('ul');
    list.id = 'atip-list-' + n;
    list.setAttribute('aria-label', s.suggestions);
    var hiddenLang = document.createElement('input');
    hiddenLang.type = 'hidden';
    hiddenLang.name = 'lang';
    hiddenLang.value = lang;
    var button = document.createElement('button');
    button.type = 'submit';
    button.textContent = s.button;
    var live = document.createElement('div');
    live.className = 'sr';
    live.setAttribute('aria-live', 'polite');
    // Shown when suggestions cannot be fetched (this origin not allowed by the archive).
    var note = document.createElement('p');
    note.className = 'note';
    note.id = 'atip-note-' + n;
    note.hidden = true;
    note.textContent = s.suggestions_unavailable;

    combo.appendChild(input);
    combo.appendChild(list);
    row.appendChild(combo);
    row.appendChild(button);
    form.appendChild(label);
    form.appendChild(row);
    form.appendChild(note);
    form.appendChild(hiddenLang);
    form.appendChild(live);
    root.appendChild(form);

    function go(q) {
      var url = new URL(BASE);
      url.search = '';
      url.searchParams.set('q', q);
      url.searchParams.set('lang', lang);
      window.location.assign(url.href);
    }

    var suggestState = '';
    function suggestionsUnavailable() {
      if (suggestState === 'unavailable') return;
      suggestState = 'unavailable';
      host.setAttribute('data-atip-suggestions', 'unavailable');
      note.hidden = false;
      input.setAttribute('aria-describedby', note.id);
      // After the combobox has emptied its list (and the live region) for the failed request.
      setTimeout(function () { live.textContent = s.suggestions_unavailable; }, 60);
      var origin = location.origin && location.origin !== 'null' ? location.origin : '<this page\'s origin>';
      if (window.console && console.warn) {
        console.warn('ATIP search box: suggestions from ' + BASE + ' are unavailable on ' + origin +
          ' (the request was blocked by CORS or did not reach the archive). The archive\'s operator must allow this origin: ' +
          'atip-server --cors-origin ' + origin + '. Searching still works.');
      }
    }

    attachCombobox(input, list, {
      fetch: function (text) {
        // Once blocked, not asked again (each request would fail the same way).
        if (suggestState === 'unavailable') return Promise.resolve([]);
        var url = new URL('api/v1/suggest', BASE);
        url.searchParams.set('q', text);
        url.searchParams.set('lang', lang);
        return fetch(url.href, { mode: 'cors', credentials: 'omit', headers: { Accept: 'application/json' } })
          .then(function (r) {
            if (!r.ok) throw new Error(String(r.status)); // an answer: the origin is allowed
            return r.json().then(function (j) {
              if (suggestState !== 'available') { suggestState = 'available'; host.setAttribute('data-atip-suggestions', 'available'); }
              return (j && j.suggestions) || [];
            });
          }, function (e) {
            // fetch rejects (TypeError) when CORS blocks the answer or the network fails.
            suggestionsUnavailable();
            throw e;
          });
      },
      onSubmit: function (value) { go(value); },
      live: live,
      announce: function (count) { return s.suggestions_count.replace('{count}', String(count)); }
    });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = input.value.trim();
      if (!q) { input.focus(); return; }
      go(q);
    });
  }

  function mountAll() {
    var hosts = document.querySelectorAll('[data-atip-searchbox]');
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }

  window.ATIPSearchbox = { attachCombobox: attachCombobox, mount: mount, mountAll: mountAll, base: BASE, strings: STRINGS };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
