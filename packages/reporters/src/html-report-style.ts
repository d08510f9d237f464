/**
 * The stylesheet of the HTML report, inlined into one `<style>` element and allowed by its hash in the
 * report's Content-Security-Policy. System fonts only: the report must not touch the network.
 */
export const HTML_REPORT_STYLE = `
:root{--bg:#f4f5f7;--panel:#fff;--ink:#1d2330;--muted:#5d6677;--line:#e2e5ea;--soft:#f7f8fa;--accent:#3b4fd8;
--critical:#9f1239;--high:#dc2626;--medium:#d97706;--low:#2563eb;--info:#64748b;--good:#15803d;--fair:#65a30d;
--warn:#d97706;--poor:#dc2626;--code:#0f172a;--code-ink:#e2e8f0;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0e1117;--panel:#161b24;--ink:#e6e9ef;--muted:#98a2b3;--line:#2a3140;
--soft:#1c2230;--accent:#8b9cff;--code:#0a0d12;--code-ink:#d7dde8}}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:var(--bg);color:var(--ink)}
body{margin:0}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
a{color:var(--accent)}
.top{background:#111827;color:#f9fafb;padding:18px 32px;display:flex;flex-wrap:wrap;gap:12px 32px;align-items:center;justify-content:space-between}
.brand{display:flex;align-items:center;gap:10px;font-size:18px;font-weight:650;letter-spacing:.2px}
.brand svg{width:26px;height:26px}
.brand .sub{font-weight:400;color:#9ca3af}
.top .meta{color:#cbd5e1;font-size:13px}
main{max-width:1280px;margin:0 auto;padding:24px 32px 48px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:15px;margin:0 0 12px;font-weight:650}
h3{font-size:13px;margin:16px 0 8px}
.lead{color:var(--muted);margin:0 0 20px}
.grid{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));margin-bottom:16px}
.grid.charts{grid-template-columns:minmax(280px,1fr) minmax(420px,1.5fr)}
@media (max-width:860px){.grid.charts{grid-template-columns:1fr}}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:18px 20px}
.stat{font-size:40px;font-weight:700;line-height:1.1}
.stat small{font-size:14px;font-weight:500;color:var(--muted);margin-left:6px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:12px}
.sev{display:inline-block;min-width:74px;text-align:center;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:650;color:#fff;text-transform:uppercase;letter-spacing:.4px}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}
.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.chip-zero{opacity:.35}
.subjects{list-style:none;margin:0;padding:0}
.subjects li{padding:8px 0;border-top:1px solid var(--line);display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.subjects li:first-child{border-top:0}
.kind{font-size:11px;text-transform:uppercase;letter-spacing:.5px;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 5px}
.muted{color:var(--muted)}
.gauges{display:flex;flex-wrap:wrap;gap:12px 24px}
.gauge{text-align:center}
.gauge svg{width:170px;height:124px}
.gauge .name{font-size:12px;color:var(--muted);max-width:170px;overflow-wrap:anywhere}
.g-track{stroke:var(--line)}
.g-good{stroke:var(--good)}.g-fair{stroke:var(--fair)}.g-warn{stroke:var(--warn)}.g-poor{stroke:var(--poor)}
.g-value{fill:var(--ink);font-weight:700;font-size:30px}
.g-grade{fill:var(--muted);font-size:13px}
.chart{width:100%;height:auto;display:block}
.chart text{fill:var(--ink);font-size:12px}
.chart .axis{fill:var(--muted)}
.track{fill:var(--soft)}
.mini .track{fill:var(--line)}
.b-critical{fill:var(--critical)}.b-high{fill:var(--high)}.b-medium{fill:var(--medium)}.b-low{fill:var(--low)}
.b-info{fill:var(--info)}.b-owasp{fill:var(--accent)}.b-good{fill:var(--good)}.b-fair{fill:var(--fair)}
.b-warn{fill:var(--warn)}.b-poor{fill:var(--poor)}
.errors{border-color:var(--high);background:color-mix(in srgb,var(--high) 6%,var(--panel))}
.errors h2{color:var(--high)}
.errors li{margin:4px 0}
table{border-collapse:collapse;width:100%}
table.findings{table-layout:fixed}
.c-sev{width:112px}.c-loc{width:27%}.c-owasp{width:72px}.c-cwe{width:92px}
th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);text-align:left;font-weight:600;padding:8px 10px;border-bottom:2px solid var(--line)}
td{padding:10px;vertical-align:top;border-top:1px solid var(--line)}
tbody.finding tr.detail td{border-top:0;padding-top:0}
.f-title{font-weight:650}
.f-msg{color:var(--ink);margin-top:2px;overflow-wrap:anywhere}
.rule{color:var(--muted);font-size:12px}
.loc{overflow-wrap:anywhere;font-size:12.5px}
.nowrap{white-space:nowrap}
.toolbar{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;margin:0 0 12px;padding:12px;background:var(--soft);border:1px solid var(--line);border-radius:8px}
.toolbar label{display:inline-flex;align-items:center;gap:4px;cursor:pointer}
.toolbar select,.toolbar input[type=search]{font:inherit;color:inherit;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:5px 8px}
.toolbar input[type=search]{min-width:240px;flex:1}
button{font:inherit;color:inherit;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:4px 10px;cursor:pointer}
button:hover{border-color:var(--accent)}
.count{color:var(--muted);font-weight:400;font-size:13px;margin-left:6px}
details>summary{cursor:pointer;color:var(--accent);font-size:13px;user-select:none}
details[open]>summary{margin-bottom:8px}
.ev{display:grid;gap:12px;padding:12px 14px;background:var(--soft);border:1px solid var(--line);border-radius:8px}
.ev h3{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);margin:0 0 4px}
.ev pre{background:var(--code);color:var(--code-ink);padding:10px 12px;border-radius:6px;margin:0;overflow:auto;max-height:420px;white-space:pre-wrap;overflow-wrap:anywhere}
.ev dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
.ev dt{color:var(--muted)}
.ev dd{margin:0;overflow-wrap:anywhere}
.fix{border-left:3px solid var(--good);padding-left:10px}
.xchg{display:grid;gap:8px;grid-template-columns:repeat(auto-fit,minmax(320px,1fr))}
.pre-head{display:flex;justify-content:space-between;align-items:center}
.empty{color:var(--muted);text-align:center;padding:24px}
.clean{color:var(--good);font-weight:600}
.scores td,.rules td{padding:6px 10px}
.mini{width:120px;height:10px;vertical-align:middle}
footer{max-width:1280px;margin:0 auto;padding:0 32px 32px;color:var(--muted);font-size:12px}
@media print{.toolbar,button{display:none}.top{background:none;color:#000}.card{break-inside:avoid}}
`;
