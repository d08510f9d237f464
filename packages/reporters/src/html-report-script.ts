/**
 * The only script of the HTML report: filters (severity, OWASP category, subject, text), expand/collapse and
 * copy buttons. It reads `data-*` attributes and sets `hidden`/`open`/`textContent` only; it never builds HTML
 * from report data, so escaped finding text stays text. Allowed by its hash in the report's CSP.
 */
export const HTML_REPORT_SCRIPT = `
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tbody.finding'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="sev"]'));
  var cat = document.getElementById('f-cat');
  var subject = document.getElementById('f-subject');
  var query = document.getElementById('f-q');
  var count = document.getElementById('f-count');
  var empty = document.getElementById('f-empty');
  function apply() {
    var sevs = {};
    boxes.forEach(function (b) { if (b.checked) sevs[b.value] = true; });
    var c = cat ? cat.value : '';
    var s = subject ? subject.value : '';
    var terms = query ? query.value.toLowerCase().split(/\\s+/).filter(Boolean) : [];
    var shown = 0;
    rows.forEach(function (r) {
      var text = r.getAttribute('data-search') || '';
      var ok = sevs[r.getAttribute('data-severity')] === true &&
        (c === '' || r.getAttribute('data-owasp') === c) &&
        (s === '' || r.getAttribute('data-subject') === s) &&
        terms.every(function (t) { return text.indexOf(t) !== -1; });
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    if (count) count.textContent = shown + ' of ' + rows.length + ' shown';
    if (empty) empty.hidden = shown !== 0 || rows.length === 0;
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  [cat, subject].forEach(function (el) { if (el) el.addEventListener('change', apply); });
  if (query) query.addEventListener('input', apply);
  function setOpen(open) {
    rows.forEach(function (r) {
      if (r.hidden) return;
      var d = r.querySelector('details');
      if (d) d.open = open;
    });
  }
  var expand = document.getElementById('f-expand');
  var collapse = document.getElementById('f-collapse');
  if (expand) expand.addEventListener('click', function () { setOpen(true); });
  if (collapse) collapse.addEventListener('click', function () { setOpen(false); });
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (btn) {
    btn.addEventListener('click', function () {
      var source = document.getElementById(btn.getAttribute('data-copy'));
      if (!source) return;
      var done = function () { btn.textContent = 'Copied'; setTimeout(function () { btn.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.textContent || '').then(done, function () {});
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var sel = window.getSelection();
        if (sel) { sel.removeAllRanges(); sel.addRange(range); }
      }
    });
  });
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
  apply();
})();
`;
