/**
 * The browser script that draws the report's charts with Chart.js from the embedded scorecard JSON. Kept as plain
 * JavaScript source because it runs in the page, not in Node; every label reaches the page through Chart.js's
 * canvas text, never through HTML.
 */
export const CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var card = JSON.parse(document.getElementById('scorecard-data').textContent);
  var palette = ['#2563eb', '#f97316', '#16a34a', '#dc2626', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
  function color(i) { return palette[i % palette.length]; }
  function pct(r) { return r.value === null ? null : Math.round(r.value * 1000) / 10; }
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }
  var percentAxis = { min: 0, max: 100, ticks: { callback: function (v) { return v + ' %'; } } };

  draw('chart-funnel', {
    type: 'bar',
    data: {
      labels: card.funnel.overall.steps.map(function (s) { return s.label; }),
      datasets: card.funnel.bySource.map(function (row, i) {
        return { label: row.source, data: row.steps.map(function (s) { return s.count; }), backgroundColor: color(i) };
      })
    },
    options: { plugins: { title: { display: true, text: 'Leads reaching each step, by source' } } }
  });

  var owners = card.sla.byOwner;
  var slaTarget = card.targets.filter(function (t) { return t.id === 'slaCompliance'; })[0];
  draw('chart-sla-owner', {
    data: {
      labels: owners.map(function (g) { return g.key; }),
      datasets: [
        { type: 'bar', label: 'SLA compliance', data: owners.map(function (g) { return pct(g.compliance); }), backgroundColor: color(0) },
        { type: 'line', label: 'target', data: owners.map(function () { return slaTarget.target * 100; }), borderColor: color(3), pointRadius: 0, borderDash: [6, 4] }
      ]
    },
    options: { scales: { y: percentAxis }, plugins: { title: { display: true, text: 'SLA compliance per owner' } } }
  });

  draw('chart-win-rate', {
    type: 'bar',
    data: {
      labels: card.deals.bySource.map(function (r) { return r.source; }),
      datasets: [{ label: 'win rate', data: card.deals.bySource.map(function (r) { return pct(r.winRate); }), backgroundColor: color(2) }]
    },
    options: { scales: { y: percentAxis }, plugins: { title: { display: true, text: 'Win rate by source (deals closed in the period)' } } }
  });

  var rows = card.reasonCodes.bySource;
  var codes = [];
  rows.forEach(function (row) { row.codes.forEach(function (c) { if (codes.indexOf(c.code) < 0) codes.push(c.code); }); });
  codes.sort();
  draw('chart-reason-codes', {
    type: 'bar',
    data: {
      labels: rows.map(function (row) { return row.source; }),
      datasets: codes.map(function (code, i) {
        return {
          label: code,
          backgroundColor: color(i),
          data: rows.map(function (row) {
            return row.codes.filter(function (c) { return c.code === code; }).reduce(function (n, c) { return n + c.count; }, 0);
          })
        };
      })
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true } },
      plugins: { title: { display: true, text: 'Dispositions by lead source and reason code' } }
    }
  });

  var assets = card.content.byAsset.slice(0, 15);
  draw('chart-content', {
    type: 'bar',
    data: {
      labels: assets.map(function (a) { return a.assetId; }),
      datasets: [
        { label: 'won deals touched', data: assets.map(function (a) { return a.wonDeals; }), backgroundColor: color(2) },
        { label: 'lost deals touched', data: assets.map(function (a) { return a.lostDeals; }), backgroundColor: color(3) }
      ]
    },
    options: { indexAxis: 'y', plugins: { title: { display: true, text: 'Content in won versus lost deals (top 15 assets)' } } }
  });
})();
`;
