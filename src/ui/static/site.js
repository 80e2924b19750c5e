// Optional enhancement only (every form works without it).
(function () {
  // Move focus to the error summary when a form comes back with errors, so screen-reader and keyboard
  // users hear it first.
  var summary = document.querySelector('[data-gk-error-summary]');
  if (summary && typeof summary.focus === 'function') summary.focus();
  // A summary link moves the focus into its field (a jump to the fragment alone only scrolls).
  Array.prototype.forEach.call(document.querySelectorAll('[data-gk-error-summary] a[href^="#"]'), function (link) {
    link.addEventListener('click', function (event) {
      var target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target || typeof target.focus !== 'function') return;
      event.preventDefault();
      target.scrollIntoView({ block: 'center' });
      target.focus();
    });
  });

  // A wide table scrolls in its own box (.gk-table-wrap) instead of the page. A box that scrolls becomes a keyboard
  // stop named after its table (caption, aria-label, the element it is labelled by, or the heading just above), so
  // that it can be scrolled without a pointer (WCAG 2.1.1); a box that fits takes no stop. The box is a group, not a
  // region: a section named by the same heading is a region already, and two landmarks of one name are ambiguous.
  // Checked again when the window changes size. Boxes that are stops in the markup (DataTable) are left as they are.
  function tableName(wrap) {
    var table = wrap.querySelector('table');
    if (!table) return '';
    if (table.getAttribute('aria-label')) return table.getAttribute('aria-label');
    var by = table.getAttribute('aria-labelledby') && document.getElementById(table.getAttribute('aria-labelledby'));
    if (by) return by.textContent.trim();
    var caption = table.querySelector('caption');
    if (caption) return caption.textContent.trim();
    var before = wrap.previousElementSibling;
    return before && /^H[2-4]$/.test(before.tagName) ? before.textContent.trim() : '';
  }
  function markScrollingTables() {
    Array.prototype.forEach.call(document.querySelectorAll('.gk-table-wrap'), function (wrap) {
      var ours = wrap.hasAttribute('data-gk-scroller');
      if (!ours && wrap.hasAttribute('tabindex')) return;
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !ours) {
        var name = tableName(wrap);
        wrap.setAttribute('data-gk-scroller', '');
        wrap.setAttribute('tabindex', '0');
        if (name) { wrap.setAttribute('role', 'group'); wrap.setAttribute('aria-label', name); }
      } else if (!scrolls && ours) {
        ['data-gk-scroller', 'tabindex', 'role', 'aria-label'].forEach(function (a) { wrap.removeAttribute(a); });
      }
    });
  }
  markScrollingTables();
  window.addEventListener('resize', markScrollingTables);

  // Live character count under a text box with a limit (Textarea showCount): without this script the
  // hint states the limit and the server refuses a longer text; with it the hint counts as one types.
  // Length is counted as the server counts it (String length of the text).
  var counts = document.querySelectorAll('[data-gk-count-for]');
  Array.prototype.forEach.call(counts, function (hint) {
    var box = document.getElementById(hint.getAttribute('data-gk-count-for'));
    if (!box) return;
    var max = Number(box.getAttribute('data-gk-count-max'));
    var under = hint.getAttribute('data-gk-count-under') || '';
    var over = hint.getAttribute('data-gk-count-over') || '';
    function update() {
      var left = max - box.value.length;
      hint.textContent = (left >= 0 ? under : over).replace('{n}', String(Math.abs(left)));
      hint.className = left >= 0 ? 'gk-hint gk-char-count' : 'gk-hint gk-char-count gk-char-count--over';
    }
    box.addEventListener('input', update);
    update();
  });

  // Redaction view: dragging over a page image fills that page's box form (X, Y, 宽, 高 in points from the
  // top-left corner); without this script the officer types the numbers. Where the page has text, an invisible
  // copy of it lies over the image: selecting it fills the page's text form with the text and where it was
  // selected (so only that occurrence is covered); without this script the officer types the text.
  function pagePoint(el, clientX, clientY) {
    var r = el.getBoundingClientRect();
    var sx = Number(el.getAttribute('data-page-w')) / r.width;
    var sy = Number(el.getAttribute('data-page-h')) / r.height;
    return { x: Math.max(0, (clientX - r.left) * sx), y: Math.max(0, (clientY - r.top) * sy) };
  }
  function setField(form, name, v) {
    var f = form.querySelector('[name="' + name + '"]');
    if (f) f.value = typeof v === 'number' ? String(Math.round(v * 10) / 10) : v;
  }
  Array.prototype.forEach.call(document.querySelectorAll('img[data-redact-page]'), function (img) {
    var n = img.getAttribute('data-redact-page');
    var form = document.querySelector('form[data-redact-form="' + n + '"]');
    if (!form) return;
    var layer = document.querySelector('[data-redact-text="' + n + '"]');
    var area = layer ? layer.parentNode : img;
    var start = null;
    area.addEventListener('pointerdown', function (e) {
      if (e.target && e.target.tagName === 'SPAN') return; // on text: a selection, not a box
      e.preventDefault();
      start = pagePoint(img, e.clientX, e.clientY);
    });
    area.addEventListener('pointerup', function (e) {
      if (!start) return;
      var end = pagePoint(img, e.clientX, e.clientY);
      setField(form, 'x', Math.min(start.x, end.x)); setField(form, 'y', Math.min(start.y, end.y));
      setField(form, 'w', Math.abs(end.x - start.x)); setField(form, 'h', Math.abs(end.y - start.y));
      start = null;
    });
    if (!layer) return;
    var textForm = document.querySelector('form[data-text-form="' + n + '"]');
    layer.hidden = false;
    var W = Number(layer.getAttribute('data-page-w'));
    var H = Number(layer.getAttribute('data-page-h'));
    function place() {
      var r = layer.getBoundingClientRect();
      if (!r.width) return;
      var k = r.width / W;
      Array.prototype.forEach.call(layer.children, function (s) {
        var x = Number(s.getAttribute('data-x')), y = Number(s.getAttribute('data-y'));
        var w = Number(s.getAttribute('data-w')), h = Number(s.getAttribute('data-h'));
        s.style.left = (100 * x / W) + '%';
        s.style.top = (100 * y / H) + '%';
        s.style.fontSize = (h * k * 0.85) + 'px';
        s.style.transform = 'none';
        var natural = s.getBoundingClientRect().width;
        if (natural > 0) s.style.transform = 'scaleX(' + (w * k / natural) + ')';
      });
    }
    // placed once the page image has its size: now if it is loaded, else on its load, and again when the whole page
    // has loaded (the layer may have had no width yet at the first call)
    if (img.complete) place(); else img.addEventListener('load', place);
    window.addEventListener('load', place);
    window.addEventListener('resize', place);
    if (!textForm) return;
    var textInput = textForm.querySelector('[name="text"]');
    if (textInput) textInput.addEventListener('input', function () { setField(textForm, 'nearX', ''); setField(textForm, 'nearY', ''); });
    document.addEventListener('mouseup', function () {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount || !layer.contains(sel.anchorNode)) return;
      var text = sel.toString().replace(/\s+/g, ' ').trim();
      if (!text) return;
      var r = sel.getRangeAt(0).getClientRects()[0] || sel.getRangeAt(0).getBoundingClientRect();
      var p = pagePoint(layer, r.left + r.width / 2, r.top + r.height / 2);
      setField(textForm, 'text', text.slice(0, 200));
      setField(textForm, 'nearX', p.x); setField(textForm, 'nearY', p.y);
    });
  });
})();
