// Optional enhancement only (every form works without it): move focus to the error summary
// when a form comes back with errors, so screen-reader and keyboard users hear it first.
(function () {
  var summary = document.querySelector('[data-gk-error-summary]');
  if (summary && typeof summary.focus === 'function') summary.focus();
})();
