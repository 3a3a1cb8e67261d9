/// The page's only stylesheet and script, served by the server itself (no external fonts or scripts).
enum Assets {
    static let css = """
        :root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --accent: #005ea5; --open: #006b3c; --bg: #fff; --chip: #eef3f8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 17px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); } a:focus, button:focus, input:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
        .top { background: #0b0c0c; color: #fff; padding: 12px 16px; } .top h1 { margin: 0; font-size: 1.4rem; } .top a { color: #fff; text-decoration: none; }
        .top p { margin: 2px 0 0; color: #dcdcdc; font-size: .95rem; }
        main { max-width: 52rem; margin: 0 auto; padding: 12px 16px 40px; }
        .search label { display: block; font-weight: 700; margin: 8px 0 6px; }
        .search .row { display: flex; gap: 8px; } .search input[type=search] { flex: 1; min-width: 0; font-size: 1.05rem; padding: 10px; border: 2px solid #0b0c0c; border-radius: 0; }
        button { font-size: 1rem; padding: 10px 16px; background: #00703c; color: #fff; border: 0; border-bottom: 2px solid #002d18; cursor: pointer; }
        .help { color: var(--muted); font-size: .92rem; margin: 6px 0 0; }
        .understood { margin: 18px 0 4px; } .chip { display: inline-block; background: var(--chip); border-radius: 14px; padding: 1px 10px; margin: 2px 0; }
        .chip a { text-decoration: none; font-weight: 700; margin-left: 2px; padding: 0 3px; }
        .count, .spelling { color: var(--muted); margin: 4px 0 10px; } .notice { background: #fff4e5; padding: 8px; }
        .results { list-style: none; padding: 0; margin: 0; }
        .service { border-top: 1px solid var(--line); padding: 12px 0; } .service h2 { font-size: 1.15rem; margin: 0 0 2px; }
        .service p { margin: 3px 0; } .org { color: var(--muted); } .k { display: inline-block; min-width: 3.6em; font-weight: 700; color: var(--muted); font-size: .9rem; }
        .when.open { color: var(--open); font-weight: 600; } .hours, .tier { color: var(--muted); font-weight: 400; } .access { color: var(--muted); font-size: .95rem; }
        .checked { color: var(--muted); font-size: .9rem; } .checked.stale { color: #8a4b00; font-weight: 600; }
        .pick label { font-size: .95rem; } .relaxed { font-size: 1.05rem; margin-top: 24px; background: #fff4e5; padding: 6px 8px; }
        .foot { max-width: 52rem; margin: 0 auto; padding: 0 16px 24px; color: var(--muted); font-size: .9rem; }
        .card { border: 1px solid var(--line); padding: 10px 14px; margin: 10px 0; break-inside: avoid; } .card h2 { margin: 0 0 4px; font-size: 1.2rem; }
        input, button { font-family: inherit; } .t { white-space: nowrap; }
        .top { padding: 12px max(16px, calc(50% - 26rem + 16px)); }
        .service .where, .service .when, .service .how { padding-left: 3.8rem; text-indent: -3.8rem; } .k { min-width: 3.5rem; text-indent: 0; }
        .chip a { display: inline-block; padding: 2px 8px; margin: -2px -6px -2px 0; }
        .pick label { display: inline-block; padding: 6px 0; cursor: pointer; }
        .pick input { width: 1.25rem; height: 1.25rem; margin: 0 8px 0 0; vertical-align: -0.25rem; }
        .relaxed { font-size: 1rem; line-height: 1.35; } .card p { margin: 4px 0; } .card h2 + p { color: var(--muted); } .noprint a { margin-left: 12px; }
        @media print { .noprint, .top, .foot, .skip { display: none; } body { font-size: 12pt; } a { color: inherit; } a.map::after { content: " " attr(href); font-size: 9pt; } }
        @media (max-width: 480px) { body { font-size: 16px; } .search .row { flex-direction: column; } button { width: 100%; } }
        """

    /// Results as they type (debounced), keeping ticked services across searches; the form still
    /// works without it.
    static let js = """
        (function () {
          // The shortlist's buttons (the page's policy allows no inline script).
          var print = document.getElementById('print'), back = document.getElementById('back');
          if (print) print.addEventListener('click', function () { window.print(); });
          if (back && history.length > 1) back.addEventListener('click', function (e) { e.preventDefault(); history.back(); });
        })();
        (function () {
          var box = document.getElementById('q'), results = document.getElementById('results');
          if (!box || !results || !window.fetch) return;
          var timer = null, seq = 0, ticked = {};
          function remember() {
            // (Only the boxes: the hidden inputs carrying ticks from other pages are never checked.)
            results.querySelectorAll('input[type=checkbox][name=id]').forEach(function (c) { if (c.checked) ticked[c.value] = true; else delete ticked[c.value]; });
          }
          function restore() {
            var form = document.getElementById('shortlist-form'); if (!form) return;
            var shown = {};
            form.querySelectorAll('input[type=checkbox][name=id]').forEach(function (c) { shown[c.value] = true; if (ticked[c.value]) c.checked = true; });
            Object.keys(ticked).forEach(function (id) {
              if (shown[id]) return;
              var h = document.createElement('input'); h.type = 'hidden'; h.name = 'id'; h.value = id; form.appendChild(h);
            });
          }
          results.addEventListener('change', remember);
          // The search form as a query (the question, the time and any filters), or a page's link.
          function search(href) {
            var mine = ++seq, form = document.getElementById('search');
            var page = href || '/?' + new URLSearchParams(new FormData(form)).toString();
            fetch(page + '&partial=1', { headers: { 'Accept': 'text/html' } }).then(function (r) { return r.text(); }).then(function (html) {
              if (mine !== seq) return;
              remember(); results.innerHTML = html; restore();
              history.replaceState(null, '', page);
              if (href) results.scrollIntoView();
            }).catch(function () {});
          }
          box.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { search(null); }, 250); });
          // The next and previous pages in place, so that services ticked on one page stay ticked.
          results.addEventListener('click', function (e) {
            var a = e.target.closest ? e.target.closest('a[rel=next], a[rel=prev]') : null;
            if (!a) return;
            e.preventDefault(); search(a.getAttribute('href'));
          });
        })();
        """
}
