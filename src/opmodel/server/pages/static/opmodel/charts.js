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
    // {kind: "time", threshold, max, x, y, count, series: [{name, quadrant: {x, y}, points:
    // [[technical, functional, applications]]}]}: the TIME quadrants (design pages)
    time: (spec) => {
      const cut = spec.threshold - 0.5, low = -0.5, high = spec.max + 0.5;
      const span = (side) => (side === "high" ? [cut, high] : [low, cut]);
      const largest = Math.max(1, ...spec.series.flatMap((s) => s.points.map((p) => p[2])));
      const colours = { tolerate: "#5470c6", invest: "#91cc75", migrate: "#fac858", eliminate: "#ee6666" };
      const levels = Array.from({ length: spec.max + 1 }, (_, i) => i);
      const axis = (name) => ({ name, nameLocation: "middle", nameGap: 28, min: low, max: high,
        splitLine: { show: false }, axisTick: { customValues: levels },
        axisLabel: { customValues: levels } });
      return {
        legend: { bottom: 0 },
        tooltip: { formatter: (p) => `${p.seriesName}<br>${spec.x}: ${p.value[0]} · ${spec.y}: ${p.value[1]}<br>${spec.count}: ${p.value[2]}` },
        grid: { left: 56, right: 16, top: 16, bottom: 72 },
        xAxis: axis(spec.x),
        yAxis: axis(spec.y),
        series: spec.series.map((s) => ({
          type: "scatter", name: s.name, data: s.points, itemStyle: { color: colours[s.quadrant.id] },
          symbolSize: (v) => 8 + 32 * Math.sqrt(v[2] / largest),
          markArea: { silent: true, itemStyle: { color: colours[s.quadrant.id], opacity: 0.1 },
            label: { show: true, position: "insideTop", fontWeight: "bold", fontSize: 13, color: "#1d2430" },
            data: [[{ name: s.name, xAxis: span(s.quadrant.x)[0], yAxis: span(s.quadrant.y)[0] },
              { xAxis: span(s.quadrant.x)[1], yAxis: span(s.quadrant.y)[1] }]] },
        })),
      };
    },
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
