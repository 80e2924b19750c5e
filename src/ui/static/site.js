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
  // top-left corner); without this script the officer types the numbers.
  Array.prototype.forEach.call(document.querySelectorAll('img[data-redact-page]'), function (img) {
    var n = img.getAttribute('data-redact-page');
    var form = document.querySelector('form[data-redact-form="' + n + '"]');
    if (!form) return;
    var start = null;
    function point(e) {
      var r = img.getBoundingClientRect();
      var sx = Number(img.getAttribute('data-page-w')) / r.width;
      var sy = Number(img.getAttribute('data-page-h')) / r.height;
      return { x: Math.max(0, (e.clientX - r.left) * sx), y: Math.max(0, (e.clientY - r.top) * sy) };
    }
    img.addEventListener('pointerdown', function (e) { e.preventDefault(); start = point(e); });
    img.addEventListener('pointerup', function (e) {
      if (!start) return;
      var end = point(e);
      var set = function (name, v) { var f = form.querySelector('[name="' + name + '"]'); if (f) f.value = String(Math.round(v * 10) / 10); };
      set('x', Math.min(start.x, end.x)); set('y', Math.min(start.y, end.y));
      set('w', Math.abs(end.x - start.x)); set('h', Math.abs(end.y - start.y));
      start = null;
    });
  });
})();
