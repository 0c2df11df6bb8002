/** The HTML report's only style sheet, inlined (light and dark). */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d1f23; --muted: #646a73; --line: #d9dce1; --card: #f6f7f9;
  --pass: #1a7f37; --fail: #c62828; --warn: #9a6700; --skip: #646a73; }
@media (prefers-color-scheme: dark) { :root { --bg: #16181c; --fg: #e6e8eb; --muted: #9aa1ab; --line: #30343b; --card: #1e2126;
  --pass: #4ac26b; --fail: #ff7b72; --warn: #d29922; --skip: #9aa1ab; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h4 { margin: 4px 0; font-size: 13px; }
code, pre, .id, .code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card); border: 1px solid var(--line); border-radius: 4px; padding: 8px; margin: 4px 0; max-height: 360px; overflow: auto; }
.muted, .rfc { color: var(--muted); }
.facts { color: var(--muted); margin: 4px 0 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; position: sticky; top: 0; background: var(--bg); padding: 8px 0; border-bottom: 1px solid var(--line); z-index: 1; }
.filter { font: inherit; border: 1px solid var(--line); background: var(--card); color: var(--fg); border-radius: 14px; padding: 3px 12px; cursor: pointer; }
.filter[aria-pressed="true"] { outline: 2px solid currentColor; font-weight: 600; }
.filter.status-fail { color: var(--fail); } .filter.status-warn { color: var(--warn); } .filter.status-pass { color: var(--pass); } .filter.status-skip { color: var(--skip); }
#search { font: inherit; margin-left: auto; min-width: 260px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
.group-counts { font-weight: normal; font-size: 13px; }
.count { margin-left: 8px; }
.check { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; background: var(--bg); }
.check > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
.check[open] > summary { border-bottom: 1px solid var(--line); }
.check-body { padding: 6px 12px 10px; }
.badge { display: inline-block; min-width: 44px; text-align: center; font-size: 11px; font-weight: 700; border-radius: 3px; padding: 1px 4px; color: #fff; }
.badge.status-pass { background: var(--pass); } .badge.status-fail { background: var(--fail); } .badge.status-warn { background: var(--warn); } .badge.status-skip { background: var(--skip); }
.count.status-pass, .tone-pass { color: var(--pass); } .count.status-fail, .tone-fail, .error { color: var(--fail); } .count.status-warn, .tone-warn { color: var(--warn); } .count.status-skip { color: var(--skip); }
.id { font-weight: 600; margin-right: 4px; }
.rfc { font-size: 12px; margin-left: 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
dt { font-weight: 600; } dd { margin: 0; }
.label { font-weight: 600; margin: 8px 0 2px; }
.exchange { margin: 4px 0; }
.exchange > summary { cursor: pointer; }
.exchange-parts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
@media (max-width: 800px) { .exchange-parts { grid-template-columns: 1fr; } }
footer { color: var(--muted); margin-top: 32px; padding-bottom: 32px; font-size: 12px; }
@media print { .filters { display: none; } .check { break-inside: avoid; } }
`;

/** Status filter and search; without it every check is shown. */
export const REPORT_SCRIPT = `
(function () {
  var filter = 'all';
  var buttons = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var search = document.getElementById('search');
  function apply() {
    var text = (search.value || '').trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll('.group'), function (group) {
      var visible = 0;
      Array.prototype.forEach.call(group.querySelectorAll('.check'), function (check) {
        var ok = (filter === 'all' || check.getAttribute('data-status') === filter) && (!text || check.getAttribute('data-text').indexOf(text) >= 0);
        check.hidden = !ok;
        if (ok) visible++;
      });
      group.hidden = visible === 0;
      shown += visible;
    });
    document.getElementById('none').hidden = shown > 0;
  }
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      filter = button.getAttribute('data-filter');
      buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b === button)); });
      apply();
    });
  });
  search.addEventListener('input', apply);
  var start = (location.hash.match(/^#status=(\\w+)$/) || [])[1];
  var first = buttons.filter(function (b) { return b.getAttribute('data-filter') === start; })[0];
  if (first) first.click();
})();
`;
