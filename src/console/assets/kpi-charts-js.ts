/**
 * The KPI page's chart script, served from /console/assets/kpi-charts.js after uPlot. It reads the
 * series from the page's `<script type="application/json" id="kpi-series">` block (data, not code: the
 * CSP runs no inline script) and draws one uPlot chart per `[data-chart]` box. Without script the
 * tables above still carry every figure.
 */
export const kpiChartsJs = `'use strict';
(function () {
  var block = document.getElementById('kpi-series');
  if (!block || typeof window.uPlot !== 'function') return;
  var spec = JSON.parse(block.textContent);
  var COLORS = ['#0a5bd3', '#8250df', '#1a7f37', '#bf8700', '#a40e26'];
  var plots = [];

  function widthOf(el) { return Math.max(300, Math.min(1100, el.clientWidth || 800)); }

  spec.charts.forEach(function (chart) {
    var el = document.querySelector('[data-chart="' + chart.id + '"]');
    if (!el) return;
    var points = 0;
    chart.series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) points++; }); });
    var opts = {
      title: chart.title,
      width: widthOf(el),
      height: 240,
      // Buckets are days or weeks of the business timezone: label them there, whatever the browser's.
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), spec.zone); },
      scales: { x: { time: true }, y: chart.max ? { range: [0, chart.max] } : { auto: true } },
      axes: [{}, { label: chart.unit, size: 60 }],
      series: [{ label: spec.xLabel }].concat(chart.series.map(function (s, i) {
        return { label: s.label, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true, size: 6 } };
      })),
    };
    var data = [spec.x].concat(chart.series.map(function (s) { return s.values; }));
    plots.push({ el: el, plot: new uPlot(opts, data, el) });
    el.setAttribute('data-points', String(points));
  });

  var timer;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      plots.forEach(function (p) { p.plot.setSize({ width: widthOf(p.el), height: 240 }); });
    }, 150);
  });
})();
`;
