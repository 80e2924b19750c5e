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
})();
