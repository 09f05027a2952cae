// Draws the compliance trend from the JSON the page embeds (no inline script: CSP).
(function () {
  var data = document.getElementById("trend-data");
  var canvas = document.getElementById("trend-chart");
  if (!data || !canvas || typeof Chart === "undefined") { return; }
  var trend = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: "line",
    data: { labels: trend.labels, datasets: [{ label: canvas.dataset.label, data: trend.values, tension: 0.2, fill: false }] },
    options: { animation: false, scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
               plugins: { legend: { display: false } } }
  });
})();
