// Draws the compliance trend charts from their data tables (the tables are the no-JS view).
(function () {
  'use strict';

  function draw(table) {
    var canvas = document.getElementById(table.getAttribute('data-trend-chart'));
    if (!canvas || typeof Chart === 'undefined' || canvas.getAttribute('data-drawn')) {
      return;
    }
    var labels = [];
    var values = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var cells = row.querySelectorAll('td');
      labels.push(cells[0].textContent.trim());
      var value = parseInt(cells[1].textContent.trim(), 10);
      values.push(isNaN(value) ? null : value);
    });
    canvas.setAttribute('data-drawn', 'true');
    new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: [{ label: '% passing', data: values, borderColor: '#146c43',
        backgroundColor: 'rgba(20,108,67,0.15)', fill: true, spanGaps: true, tension: 0.2 }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } } },
        plugins: { legend: { display: false } } }
    });
  }

  function drawAll() {
    document.querySelectorAll('table[data-trend-chart]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', drawAll);
  document.addEventListener('htmx:afterSettle', drawAll);
})();
