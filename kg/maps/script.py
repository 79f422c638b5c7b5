"""The style and the two inline scripts of the map page (no file, no network: they are
written into the page)."""
from __future__ import annotations

# Runs before the network is drawn: tooltips (escaped HTML built in Python) become elements,
# labels and hover names (escaped text) are decoded for the canvas. Neither path can create a
# live tag from document text, because every bit of it was escaped in Python.
PREPARE_JS = """
                  (function () {
                    function decode(s) {
                      var t = document.createElement("textarea");
                      t.innerHTML = s;
                      return t.value;
                    }
                    function tip(s) {
                      var d = document.createElement("div");
                      d.className = "mkg-tip";
                      d.innerHTML = s;
                      return d;
                    }
                    function prepare(list) {
                      return list.map(function (x) {
                        var y = Object.assign({}, x);
                        if (typeof y.label === "string") { y.label = decode(y.label); }
                        if (typeof y.hover === "string") { y.hover = decode(y.hover); }
                        if (typeof y.title === "string") { y.title = tip(y.title); }
                        return y;
                      });
                    }
                    nodes.update(prepare(nodes.get()));
                    edges.update(prepare(edges.get()));
                  })();
"""

# Runs after the network is drawn: physics stops once settled, a link's name shows on hover,
# the search box focuses a node (also from the address: map.html#search=words), and the date
# range and kind toggles hide what is outside them, the legend counting what stays.
CONTROLS_JS = """
(function () {
  var allNodes = nodes.get(), allEdges = edges.get();
  var byId = {};
  allNodes.forEach(function (n) { byId[n.id] = n; });
  var status = document.getElementById("mkg-status");
  function settled() { document.body.dataset.settledMs = Math.round(performance.now()); }
  network.once("afterDrawing", function () {
    document.body.dataset.drawnMs = Math.round(performance.now());
    network.fit({maxZoomLevel: 1, animation: false});  // the whole map in view, a small one not blown up
    if (!PHYSICS || (network.physics && network.physics.stabilized)) { settled(); }
  });
  network.redraw();  // the first drawing may have come before this script: ask for one more
  function stop() {
    if (document.body.dataset.settledMs) { return; }
    network.setOptions({physics: {enabled: false}});
    network.fit({maxZoomLevel: 1, animation: false});
    settled();
  }
  // whichever comes first: the stabilisation pass ends, or the layout comes to rest
  network.once("stabilizationIterationsDone", stop);
  network.once("stabilized", stop);
  network.on("hoverEdge", function (p) { var e = edges.get(p.edge); edges.update({id: p.edge, label: e.hover}); });
  network.on("blurEdge", function (p) { edges.update({id: p.edge, label: " "}); });

  function kinds() {
    var on = {};
    document.querySelectorAll("input.mkg-kind").forEach(function (c) { on[c.value] = c.checked; });
    return on;
  }
  function within(a, b, lo, hi) {
    if (!a && !b) { return true; }
    return (!hi || (a || b) <= hi) && (!lo || (b || a) >= lo);
  }
  function apply() {
    var lo = document.getElementById("mkg-from").value, hi = document.getElementById("mkg-to").value;
    var on = kinds(), shown = {}, counts = {}, nn = 0, ne = 0;
    nodes.update(allNodes.map(function (n) {
      var ok = on[n.group] !== false && within(n.d0, n.d1, lo, hi);
      shown[n.id] = ok;
      if (ok) { nn += 1; counts[n.group] = (counts[n.group] || 0) + 1; }
      return {id: n.id, hidden: !ok};
    }));
    edges.update(allEdges.map(function (e) {
      var dated = !e.dates.length || e.dates.some(function (d) { return within(d, d, lo, hi); });
      var ok = shown[e.from] && shown[e.to] && dated;
      if (ok) { ne += 1; }
      return {id: e.id, hidden: !ok};
    }));
    document.querySelectorAll(".mkg-count").forEach(function (s) { s.textContent = counts[s.dataset.kind] || 0; });
    document.getElementById("mkg-counts").textContent = nn + " nodes, " + ne + " links";
  }
  function find(q) {
    q = (q || "").trim().toLowerCase();
    if (!q) { status.textContent = ""; return null; }
    var hits = allNodes.filter(function (n) { return n.label.toLowerCase() === q; });
    if (!hits.length) { hits = allNodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; }); }
    if (!hits.length) { status.textContent = "nothing is called \\u201c" + q + "\\u201d"; return null; }
    var n = hits[0];
    if (nodes.get(n.id).hidden) { nodes.update({id: n.id, hidden: false}); }
    network.selectNodes([n.id]);
    network.focus(n.id, {scale: 1.4, animation: false});
    status.textContent = "found: " + n.label + (hits.length > 1 ? " (1 of " + hits.length + ")" : "");
    status.dataset.node = n.id;
    return n;
  }
  var search = document.getElementById("mkg-search");
  search.addEventListener("change", function () { find(search.value); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(search.value); } });
  document.getElementById("mkg-from").addEventListener("change", apply);
  document.getElementById("mkg-to").addEventListener("change", apply);
  document.querySelectorAll("input.mkg-kind").forEach(function (c) { c.addEventListener("change", apply); });
  var m = /^#search=(.*)$/.exec(window.location.hash);
  if (m) { search.value = decodeURIComponent(m[1]); find(search.value); }
})();
"""

CSS = """
        <style>
          html, body { overflow: hidden; height: 100%; }
          body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                 display: grid; grid-template-columns: 214px minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr);
                 height: 100vh; }
          .mkg-header { grid-column: 1 / 3; grid-row: 1; padding: 6px 16px; border-bottom: 1px solid #ddd; }
          .mkg-header h1 { font-size: 18px; margin: 0 0 2px 0; }
          .mkg-header p { font-size: 12px; color: #555; margin: 0; }
          .mkg-note { color: #8a4b00; }
          .mkg-controls { font-size: 12px; margin-top: 3px; }
          .mkg-controls input { font-size: 12px; margin-right: 10px; }
          #mkg-search { width: 220px; }
          #mkg-status { color: #1f5f8b; }
          .mkg-legend { grid-column: 1; grid-row: 2; overflow-y: auto; border-right: 1px solid #ddd;
                        padding: 8px 10px; font-size: 12px; }
          .mkg-legend label, .mkg-legend div { display: block; margin: 3px 0; }
          .mkg-legend .mkg-size { color: #555; font-style: italic; }
          .mkg-legend span.swatch { display: inline-block; width: 11px; height: 11px; margin-right: 5px;
                                    vertical-align: -1px; border: 1px solid #555; }
          .mkg-tip { max-width: 440px; white-space: normal; font-size: 12px; line-height: 1.35; }
          .mkg-tip .q { color: #333; font-style: italic; }
          .mkg-tip .iri { color: #777; font-size: 11px; }
          #loadingBar { position: fixed !important; top: 0; left: 0; width: 100vw !important; height: 100vh !important; }
          div.card { grid-column: 2; grid-row: 2; border: none; min-height: 0; height: 100%; }
          #mynetwork { float: none !important; border: none !important; height: 100% !important;
                       width: 100% !important; }
        </style>
"""
