/** The console's stylesheet, served as a file from /console/assets/console.css (CSP allows no inline style). */
export const consoleCss = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --accent: #0a5bd3;
  --amber: #8a5300; --amber-bg: #fff4d6; --red: #a40e26; --red-bg: #ffe3e6; }
* { box-sizing: border-box; }
/* Chinese glyphs from a CJK face everywhere: Noto (Linux, fonts-noto-cjk), PingFang (macOS), YaHei (Windows). */
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
header.top nav { display: flex; gap: 1rem; flex: 1; }
header.top form { display: inline; margin: 0; }
header.top label { display: inline; margin: 0 .3rem 0 0; }
main { padding: 1rem; max-width: 1200px; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f0a500; outline-offset: 1px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
label { display: block; font-weight: 600; margin-top: .5rem; }
input, select, textarea { font: inherit; padding: .3rem; border: 1px solid #8c959f; border-radius: 4px; max-width: 100%; }
textarea { width: 100%; min-height: 5rem; }
.due.amber { background: var(--amber-bg); color: var(--amber); font-weight: 600; }
.due.red { background: var(--red-bg); color: var(--red); font-weight: 600; }
.status-line { color: var(--muted); font-size: .9em; }
.notice { padding: .5rem .8rem; border: 1px solid var(--line); background: #f6f8fa; margin: .5rem 0; }
.error { border-color: var(--red); background: var(--red-bg); color: var(--red); }
.grid { display: grid; grid-template-columns: 2fr 1fr; gap: 1.5rem; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
ol.timeline { list-style: none; padding: 0; margin: 0; }
ol.timeline li { border-left: 4px solid var(--line); padding: .3rem .6rem; margin-bottom: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
ol.timeline li.in { border-color: #1a7f37; }
ol.timeline li.out { border-color: var(--accent); }
ol.timeline li.note { border-color: #bf8700; background: #fffbeb; }
ol.timeline li.event { color: var(--muted); font-size: .9em; }
.who { font-weight: 600; margin-right: .5rem; }
.when { color: var(--muted); font-size: .85em; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0 0 .4rem 0; }
fieldset { border: 1px solid var(--line); margin: 1rem 0; }
form.inline { display: inline; margin: 0; }
label.choice { display: inline-block; font-weight: normal; margin-right: 1rem; }
img.preview { max-width: 240px; max-height: 180px; border: 1px solid var(--line); margin-top: .3rem; }
.login { max-width: 360px; margin: 3rem auto; }
.bar { fill: var(--accent); }
.live-state { font-size: .85em; color: var(--muted); }
table.record th { width: 14rem; }
form.inline { display: inline-flex; gap: .4rem; align-items: center; flex-wrap: wrap; margin: 0 .3rem .3rem 0; }
form.inline label { margin: 0; }
tr.disabled th, tr.disabled td { color: var(--muted); }
fieldset.rows .row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: flex-end; margin-bottom: .4rem; }
fieldset.rows .row label { display: flex; flex-direction: column; margin: 0; font-weight: 500; }
fieldset.rows input.wide { min-width: 22rem; }
.kpi-charts .chart { margin: 1rem 0; min-height: 240px; }
ol.audit { list-style: none; padding: 0; margin: 0; font-size: .9em; }
ol.audit li { border-left: 4px dotted var(--muted); padding: .15rem .5rem; margin-bottom: .25rem; }
.secret code { font-size: 1.1em; user-select: all; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.scroll-x { overflow-x: auto; max-width: 100%; position: relative; }
.tag.amber { color: var(--amber); background: var(--amber-bg); padding: 0 .3rem; }
.tag.red { color: var(--red); background: var(--red-bg); padding: 0 .3rem; }
.tabs { display: flex; gap: 1rem; flex-wrap: wrap; }
.tabs a[aria-current] { font-weight: 600; text-decoration: none; color: var(--fg); }
form.filters, .figures, .count-grid { display: flex; gap: .5rem 1rem; flex-wrap: wrap; align-items: center; }
form.filters label { display: inline; margin: 0; }
ul.counts { padding-left: 1.2rem; margin: .2rem 0; }
td.wrap, table.problems td, .notice { overflow-wrap: anywhere; }
fieldset { min-width: 0; }
/* More pages than fit one line: links wrap whole, never a word per line. */
header.top nav { flex-wrap: wrap; row-gap: .3rem; }
header.top nav a { white-space: nowrap; }
/* A phone (390 px): the navigation wraps, the queue keeps the columns that decide what to take. */
@media (max-width: 600px) {
  header.top { gap: .4rem .8rem; padding: .4rem .6rem; }
  header.top nav { flex-wrap: wrap; flex-basis: 100%; gap: .3rem .9rem; }
  main { padding: .6rem; }
  h1 { font-size: 1.4rem; }
  #queue th:nth-child(1), #queue td:nth-child(1), #queue th:nth-child(4), #queue td:nth-child(4),
  #queue th:nth-child(5), #queue td:nth-child(5), #queue th:nth-child(6), #queue td:nth-child(6) { display: none; }
  #queue td { overflow-wrap: anywhere; }
  fieldset.rows input.wide { min-width: 0; }
  th, td { padding: .3rem .3rem; }
}
@media print { header.top, form, .live-state, .no-print { display: none; } body { font-size: 12pt; } main { max-width: none; } }
.hint { color: var(--muted); font-size: .9em; margin: .2rem 0; }
.muted { color: var(--muted); font-size: .85em; }
ul.plain { list-style: none; padding: 0; margin: .3rem 0; }
/* The case page: list | conversation | customer and case facts on a wide screen, one column on a narrow one. */
main:has(.case-layout) { max-width: none; }
.case-layout { display: grid; grid-template-columns: 1fr; gap: 1rem; }
.pane { min-width: 0; }
/* On one column the conversation comes first, then the facts, the queues last. */
@media (max-width: 899px) { .pane-list { order: 3; } }
.pane-list ul.mini { list-style: none; padding: 0; margin: .3rem 0 1rem; font-size: .9em; }
.pane-list ul.mini li { padding: .25rem 0; border-bottom: 1px solid var(--line); }
.pane-list li[aria-current] { background: #eef4ff; }
.pane-list h2, .pane-list h3 { font-size: 1rem; margin: .4rem 0; }
@media (min-width: 1100px) {
  .case-layout { grid-template-columns: minmax(200px, 1fr) minmax(0, 2.6fr) minmax(260px, 1.4fr); align-items: start; }
  /* The side panes scroll on their own; the conversation scrolls with the page, its reply box pinned to the window's foot. */
  .pane-list, .pane-facts { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; }
}
@media (min-width: 900px) and (max-width: 1099px) {
  .case-layout { grid-template-columns: minmax(0, 2fr) minmax(240px, 1fr); }
  .pane-list { grid-column: 1 / -1; }
}
/* The reply box stays at the foot of the conversation while the timeline scrolls. */
.composer { position: sticky; bottom: 0; background: var(--bg); border-top: 2px solid var(--line); padding: .5rem 0; z-index: 2; }
.composer textarea { min-height: 4rem; }
.composer details { margin-top: .4rem; }
.picker-menu { border: 1px solid var(--line); background: #fff; box-shadow: 0 4px 12px rgba(0,0,0,.12); max-height: 16rem; overflow-y: auto; position: relative; z-index: 3; }
.picker-option { padding: .35rem .6rem; cursor: pointer; }
.picker-option.active { background: #dbe9ff; }
li.system details summary { cursor: pointer; color: var(--muted); }
li.system ol { list-style: none; padding-left: .5rem; }
li.system { border-left-style: dashed !important; }
details.full-record > summary { cursor: pointer; font-weight: 600; color: var(--accent); margin: .6rem 0; }
.bell { position: relative; text-decoration: none; font-size: 1.2rem; }
.bell .count { position: absolute; top: -.4rem; right: -.7rem; background: var(--red); color: #fff; border-radius: 1rem; font-size: .7rem; padding: 0 .35rem; }
ol.notifications { list-style: none; padding: 0; }
ol.notifications li { border-left: 4px solid var(--line); padding: .3rem .6rem; margin-bottom: .4rem; }
ol.notifications li.fresh { border-color: var(--accent); background: #f3f8ff; }
.badge { background: var(--accent); color: #fff; border-radius: .5rem; padding: 0 .4rem; font-size: .75em; }
dialog#shortcuts { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.5rem; }
dl.keys { display: grid; grid-template-columns: auto 1fr; gap: .3rem 1rem; }
dl.keys dd { margin: 0; }
kbd { border: 1px solid var(--muted); border-radius: 3px; padding: 0 .35rem; font-family: inherit; }
td.pre { white-space: pre-wrap; }
table.record td.sign { height: 4rem; }
.record-actions { display: flex; gap: .5rem; margin: 1rem 0; }
@media print {
  header.top, form, .live-state, .no-print, dialog { display: none !important; }
  body { font-size: 12pt; color: #000; }
  main { max-width: none; padding: 0; }
  table.record th, table.record td { border: 1px solid #000; }
  table.record { page-break-inside: avoid; }
  @page { size: A4; margin: 15mm; }
}
`;
