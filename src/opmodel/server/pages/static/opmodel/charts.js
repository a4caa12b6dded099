// Draws each chart of a page from the JSON the server put beside it
// (<div data-chart="ID"> and <script type="application/json" id="ID">): no inline script.
// Charts are drawn when they come into view (a scorecard may hold hundreds).
"use strict";
(function () {
  const lang = document.documentElement.lang || "ja";
  const DAY = 24 * 3600 * 1000;

  // an amount as the tables show it: ¥1,234 in Japanese for yen, else "JPY 1,234"
  function money(spec) {
    const digits = new Intl.NumberFormat(lang, { maximumFractionDigits: spec.decimals || 0,
                                                 minimumFractionDigits: spec.decimals || 0 });
    return (v) => (v == null ? "—" : (lang.startsWith("ja") && spec.currency === "JPY" ? "¥" : spec.currency + " ") + digits.format(v));
  }

  // a short amount for an axis: 1.2M, 350k (or 1.2億, 3,500万 in Japanese)
  function compact(v) {
    return new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 }).format(v);
  }

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

    // {kind: "gantt", rows: [{name, phase, start, end, late, critical}], links: [[from, to]],
    //  phases: [{name, start, end}], milestones: [{name, date}]}
    gantt: (spec, element) => {
      const rows = spec.rows;
      const shown = Math.min(rows.length, 30);
      element.style.height = Math.max(320, 60 + shown * 22) + "px";
      const time = (d) => new Date(d + "T00:00:00").getTime();
      const bars = rows.map((r, i) => ({ value: [i, time(r.start), time(r.end)], name: r.name, late: r.late, critical: r.critical, phase: r.phase, start: r.start, end: r.end }));
      const palette = ["#dbe7fb", "#e3f1e6", "#fbeedd", "#efe3f6", "#e0f2f4"];
      return {
        animation: false,
        grid: { left: 200, right: 40, top: 36, bottom: 40 },
        tooltip: { formatter: (p) => p.seriesType === "custom" ? `${p.data.name}<br>${p.data.start} → ${new Date(p.data.value[2] - DAY).toISOString().slice(0, 10)}${p.data.phase ? "<br>" + p.data.phase : ""}` : p.name },
        xAxis: { type: "time", position: "top", splitLine: { show: true, lineStyle: { color: "#eee" } } },
        yAxis: { type: "category", inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 185, overflow: "truncate", fontSize: 11 }, axisTick: { show: false } },
        dataZoom: rows.length > shown ? [{ type: "slider", yAxisIndex: 0, right: 5, width: 14, startValue: 0, endValue: shown - 1, zoomLock: false, showDetail: false },
                                          { type: "inside", yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true }] : [],
        series: [
          {
            type: "custom", name: "schedule", encode: { x: [1, 2], y: 0 }, data: bars, clip: true,
            renderItem: (params, api) => {
              const start = api.coord([api.value(1), api.value(0)]);
              const end = api.coord([api.value(2), api.value(0)]);
              const height = api.size([0, 1])[1] * 0.6;
              const shape = window.echarts.graphic.clipRectByRect(
                { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 2), height },
                { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
              const row = bars[params.dataIndex];
              return shape && { type: "rect", shape, style: { fill: row.late ? "#b02a37" : row.critical ? "#d63384" : "#0d6efd" } };
            },
            markArea: {
              silent: true, label: { position: "insideTop", fontSize: 11, color: "#555" },
              data: spec.phases.map((p, i) => [{ name: p.name, xAxis: time(p.start), itemStyle: { color: palette[i % palette.length], opacity: 0.5 } }, { xAxis: time(p.end) }]),
            },
            markLine: {
              symbol: ["none", "diamond"], symbolSize: 10, silent: true,
              label: { formatter: "{b}", fontSize: 10, position: "end" }, lineStyle: { color: "#6f42c1", type: "dashed" },
              data: spec.milestones.map((m) => ({ name: m.name, xAxis: time(m.date) })),
            },
          },
          {
            type: "lines", coordinateSystem: "cartesian2d", silent: true, z: 1,
            lineStyle: { color: "#6c757d", width: 1, opacity: 0.6 }, symbol: ["none", "arrow"], symbolSize: 6,
            data: spec.links.map(([from, to]) => ({ coords: [[time(rows[from].end), from], [time(rows[to].start), to]] })),
          },
        ],
      };
    },

    // {kind: "s_curve", points: [{percentile, date, weeks, cost}], currency, decimals}
    s_curve: (spec) => {
      const amount = money(spec);
      return {
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 50, right: 60, top: 30, bottom: 60 },
        xAxis: [{ type: "time", name: spec.labels.date, nameLocation: "middle", nameGap: 28 },
                { type: "value", name: spec.labels.cost, position: "top", axisLabel: { formatter: compact }, scale: true }],
        yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        series: [
          { type: "line", name: spec.labels.date, xAxisIndex: 0, showSymbol: false, smooth: true, data: spec.points.filter((p) => p.date).map((p) => [p.date, p.percentile]) },
          { type: "line", name: spec.labels.cost, xAxisIndex: 1, showSymbol: false, smooth: true, lineStyle: { type: "dashed" },
            tooltip: { valueFormatter: amount }, data: spec.points.map((p) => [p.cost, p.percentile]) },
        ],
      };
    },

    // {kind: "bars", names, values, percent}
    bars: (spec) => ({
      tooltip: { valueFormatter: (v) => (spec.percent ? Math.round(v * 100) + "%" : v) },
      grid: { left: 170, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", max: spec.percent ? 1 : null, axisLabel: { formatter: (v) => (spec.percent ? Math.round(v * 100) + "%" : v) } },
      yAxis: { type: "category", inverse: true, data: spec.names, axisLabel: { width: 160, overflow: "truncate" } },
      series: [{ type: "bar", data: spec.values, itemStyle: { color: "#d63384" } }],
    }),

    // {kind: "tornado", base, names, low, high}: completion (weeks) when each initiative is
    // short (its P10) or long (its P90), around the mean
    tornado: (spec) => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v) => (v + spec.base).toFixed(1) },
      legend: { bottom: 0 },
      grid: { left: 170, right: 30, top: 10, bottom: 50 },
      xAxis: { type: "value", axisLabel: { formatter: (v) => (v + spec.base).toFixed(0) } },
      yAxis: { type: "category", inverse: true, data: spec.names, axisLabel: { width: 160, overflow: "truncate" } },
      series: [
        { type: "bar", name: spec.labels.low, stack: "swing", data: spec.low.map((v) => v - spec.base), itemStyle: { color: "#198754" } },
        { type: "bar", name: spec.labels.high, stack: "swing", data: spec.high.map((v) => v - spec.base), itemStyle: { color: "#b02a37" } },
      ],
    }),

    // {kind: "stacked", years, series: [{name, hidden, values}], currency, decimals}
    stacked: (spec) => {
      const amount = money(spec);
      return {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: amount },
        legend: { bottom: 0 },
        grid: { left: 70, right: 20, top: 20, bottom: 60 },
        xAxis: { type: "category", data: spec.years },
        yAxis: { type: "value", axisLabel: { formatter: compact } },
        series: spec.series.map((s) => ({
          type: "bar", name: s.name, stack: s.hidden ? "hidden" : "direct", data: s.values,
          itemStyle: s.hidden ? { decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -0.6 } } : {},
        })),
        aria: { enabled: true, decal: { show: false } },
      };
    },

    // {kind: "cash", years, net, cumulative, discounted, names, currency, decimals}
    cash: (spec) => {
      const amount = money(spec);
      return {
        tooltip: { trigger: "axis", valueFormatter: amount },
        legend: { bottom: 0 },
        grid: { left: 70, right: 20, top: 20, bottom: 60 },
        xAxis: { type: "category", data: spec.years },
        yAxis: { type: "value", axisLabel: { formatter: compact } },
        series: [
          { type: "bar", name: spec.names.net, data: spec.net, itemStyle: { color: "#9ec5fe" } },
          { type: "line", name: spec.names.cumulative, data: spec.cumulative, itemStyle: { color: "#0d6efd" }, markLine: { silent: true, symbol: "none", data: [{ yAxis: 0 }], lineStyle: { color: "#333" }, label: { show: false } } },
          { type: "line", name: spec.names.discounted, data: spec.discounted, lineStyle: { type: "dashed" }, itemStyle: { color: "#6f42c1" } },
        ],
      };
    },

    // {kind: "grid", points: [{name, influence, interest, quadrant}], x, y}
    grid: (spec) => ({
      tooltip: { formatter: (p) => `${p.data.name}<br>${p.data.quadrant}` },
      grid: { left: 50, right: 20, top: 20, bottom: 50 },
      xAxis: { type: "value", min: 0.5, max: 5.5, interval: 1, name: spec.x, nameLocation: "middle", nameGap: 28, axisLabel: { formatter: (v) => (Number.isInteger(v) ? v : "") } },
      yAxis: { type: "value", min: 0.5, max: 5.5, interval: 1, name: spec.y, nameLocation: "middle", nameGap: 30, axisLabel: { formatter: (v) => (Number.isInteger(v) ? v : "") } },
      series: [{
        type: "scatter", symbolSize: 14,
        data: spec.points.map((p, i) => ({ value: [p.interest + ((i % 3) - 1) * 0.12, p.influence + ((i % 2) ? 0.1 : -0.1)], name: p.name, quadrant: p.quadrant })),
        label: { show: true, formatter: "{b}", position: "right", fontSize: 11 },
        labelLayout: { hideOverlap: true },
        markLine: { silent: true, symbol: "none", lineStyle: { color: "#adb5bd" }, label: { show: false }, data: [{ xAxis: 3 }, { yAxis: 3 }] },
      }],
    }),

    // {kind: "heatmap", x, y, cells: [[x, y, value]], max, xName, yName}
    heatmap: (spec, element) => {
      if (spec.y.length > 8) element.style.height = Math.min(1200, 80 + spec.y.length * 26) + "px";
      return {
        tooltip: { formatter: (p) => `${spec.y[p.value[1]]} × ${spec.x[p.value[0]]}: ${p.value[2]}` },
        grid: { left: 160, right: 20, top: 20, bottom: 80 },
        xAxis: { type: "category", data: spec.x, name: spec.xName, nameLocation: "middle", nameGap: 50, axisLabel: { interval: 0, rotate: spec.x.length > 6 ? 30 : 0, width: 110, overflow: "truncate" }, splitArea: { show: true } },
        yAxis: { type: "category", data: spec.y, name: spec.yName, nameLocation: "middle", nameGap: 140, axisLabel: { width: 150, overflow: "truncate" }, splitArea: { show: true } },
        visualMap: { min: 0, max: spec.max, show: false, inRange: { color: ["#fff5eb", "#fd8d3c", "#b02a37"] } },
        series: [{ type: "heatmap", data: spec.cells, label: { show: true } }],
      };
    },

    // {kind: "adkar", elements, max, series: [{name, values}]}: one line per group
    adkar: (spec) => ({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 40, right: 20, top: 20, bottom: 60 },
      xAxis: { type: "category", data: spec.elements },
      yAxis: { type: "value", min: 1, max: spec.max },
      series: spec.series.map((s) => ({ type: "line", name: s.name, data: s.values })),
    }),

    // {kind: "trend", name, periods, values, status, target}
    trend: (spec) => {
      const colours = { green: "#198754", amber: "#ffc107", red: "#b02a37" };
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 50, right: 16, top: 14, bottom: 30 },
        xAxis: { type: "category", data: spec.periods, axisLabel: { fontSize: 10 } },
        // the target in view too, a tenth of the range to spare
        yAxis: { type: "value", axisLabel: { fontSize: 10, formatter: (v) => +v.toPrecision(4) },
                 min: (v) => { const low = Math.min(v.min, spec.target ?? v.min); return low - (Math.max(v.max, spec.target ?? v.max) - low) * 0.1; },
                 max: (v) => { const high = Math.max(v.max, spec.target ?? v.max); return high + (high - Math.min(v.min, spec.target ?? v.min)) * 0.1; } },
        series: [{
          type: "line", name: spec.name, showSymbol: true, symbolSize: 5,
          data: spec.values.map((v, i) => ({ value: v, itemStyle: { color: colours[spec.status[i]] || "#6c757d" } })),
          lineStyle: { color: "#6c757d" },
          markLine: spec.target == null ? undefined : { silent: true, symbol: "none", data: [{ yAxis: spec.target }], lineStyle: { color: "#198754", type: "dashed" }, label: { formatter: spec.targetLabel || "", fontSize: 10 } },
        }],
      };
    },
  };

  function draw(element) {
    const source = document.getElementById(element.dataset.chart);
    if (!source || !window.echarts) return;
    const spec = JSON.parse(source.textContent);
    const build = builders[spec.kind];
    if (!build) return;
    const option = build(spec, element);  // may size the element first
    const chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  }

  document.addEventListener("DOMContentLoaded", () => {
    const elements = document.querySelectorAll("[data-chart]");
    if (!("IntersectionObserver" in window)) {
      elements.forEach(draw);
      return;
    }
    const watcher = new IntersectionObserver((entries) => {
      entries.forEach((entry) => {
        if (entry.isIntersecting) {
          watcher.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px" });
    elements.forEach((element) => watcher.observe(element));
  });
})();
