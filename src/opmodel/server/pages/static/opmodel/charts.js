// Draws each chart of a page from the JSON the server put beside it
// (<div data-chart="ID"> and <script type="application/json" id="ID">): no inline script.
"use strict";
(function () {
  const builders = {
    // {kind: "radar", max, indicators: [name], series: [{name, values}]}
    radar: (spec) => ({
      legend: { bottom: 0 },
      tooltip: {},
      radar: { indicator: spec.indicators.map((name) => ({ name, max: spec.max })), radius: "55%", axisName: { fontSize: 11 } },
      series: [{
        type: "radar",
        data: spec.series.map((s) => ({ name: s.name, value: s.values, areaStyle: { opacity: 0.15 } })),
      }],
    }),
  };

  function draw(element) {
    const source = document.getElementById(element.dataset.chart);
    if (!source || !window.echarts) return;
    const spec = JSON.parse(source.textContent);
    const chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(builders[spec.kind](spec));
    window.addEventListener("resize", () => chart.resize());
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-chart]").forEach(draw);
  });
})();
