// The application landscape: applications grouped (by agency, field or kind) with their
// integrations as arrows, drawn in SVG from the JSON the page embeds. No library, no inline
// script (the Content-Security-Policy forbids both CDNs and inline scripts).
(function () {
  "use strict";
  var holder = document.getElementById("landscape");
  var source = document.getElementById("landscape-data");
  if (!holder || !source) { return; }
  var data = JSON.parse(source.textContent);
  var groupSelect = document.getElementById("landscape-group");
  var SVG = "http://www.w3.org/2000/svg";
  var NODE_W = 170, NODE_H = 30, GAP_X = 10, GAP_Y = 8, PAD = 10, HEAD = 24, MARGIN = 16;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
  }

  function groupKey(node, by) {
    if (by === "field") { return [node.field, node.field_label]; }
    if (by === "kind") { return [node.kind, node.kind_label]; }
    return [String(node.agency_id), node.agency];
  }

  function layout(by, width) {
    var groups = {}, order = [];
    data.nodes.forEach(function (n) {
      var key = groupKey(n, by);
      if (!groups[key[0]]) { groups[key[0]] = { label: key[1], nodes: [] }; order.push(key[0]); }
      groups[key[0]].nodes.push(n);
    });
    order.sort(function (a, b) { return groups[a].label.localeCompare(groups[b].label, "id"); });
    var x = MARGIN, y = MARGIN, rowHeight = 0, boxes = [], positions = {};
    order.forEach(function (key) {
      var g = groups[key], count = g.nodes.length;
      var cols = count <= 2 ? count : (count <= 6 ? 2 : 3);
      var rows = Math.ceil(count / cols);
      var w = PAD * 2 + cols * NODE_W + (cols - 1) * GAP_X;
      var h = HEAD + PAD + rows * NODE_H + (rows - 1) * GAP_Y + PAD;
      if (x > MARGIN && x + w > width - MARGIN) { x = MARGIN; y += rowHeight + MARGIN; rowHeight = 0; }
      boxes.push({ x: x, y: y, w: w, h: h, label: g.label });
      g.nodes.forEach(function (n, i) {
        var col = i % cols, row = Math.floor(i / cols);
        positions[n.id] = {
          x: x + PAD + col * (NODE_W + GAP_X),
          y: y + HEAD + PAD + row * (NODE_H + GAP_Y),
          node: n
        };
      });
      x += w + MARGIN;
      rowHeight = Math.max(rowHeight, h);
    });
    return { boxes: boxes, positions: positions, height: y + rowHeight + MARGIN };
  }

  function edgePath(a, b) {
    var ax = a.x + NODE_W / 2, ay = a.y + NODE_H / 2, bx = b.x + NODE_W / 2, by = b.y + NODE_H / 2;
    // Leave from the side facing the target, arrive at the side facing the source.
    var dir;
    if (Math.abs(bx - ax) > NODE_W / 2) {
      dir = bx > ax ? 1 : -1;
      ax += dir * NODE_W / 2;
      bx -= dir * NODE_W / 2;
    } else {
      dir = by > ay ? 1 : -1;
      ay += dir * NODE_H / 2;
      by -= dir * NODE_H / 2;
    }
    var mx = (ax + bx) / 2, my = (ay + by) / 2, dx = bx - ax, dy = by - ay;
    var bend = 0.15;
    var cx = mx - dy * bend, cy = my + dx * bend;
    return "M" + ax + "," + ay + " Q" + cx + "," + cy + " " + bx + "," + by;
  }

  function draw() {
    while (holder.firstChild) { holder.removeChild(holder.firstChild); }
    if (!data.nodes.length) {
      var empty = document.createElement("p");
      empty.className = "text-secondary mb-0";
      empty.textContent = holder.dataset.empty;
      holder.appendChild(empty);
      return;
    }
    var width = Math.max(holder.clientWidth || 900, 600);
    var by = groupSelect ? groupSelect.value : "agency";
    var plan = layout(by, width);
    var svg = el("svg", {
      width: width, height: plan.height, viewBox: "0 0 " + width + " " + plan.height,
      role: "img", "aria-label": holder.dataset.label
    }, holder);
    var defs = el("defs", {}, svg);
    var marker = el("marker", {
      id: "landscape-arrow", viewBox: "0 0 10 10", refX: "9", refY: "5",
      markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse"
    }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#6c7a91" }, marker);

    plan.boxes.forEach(function (b) {
      var g = el("g", { "class": "landscape-group" }, svg);
      el("rect", { "class": "frame", x: b.x, y: b.y, width: b.w, height: b.h, rx: 6 }, g);
      var t = el("text", { "class": "title", x: b.x + PAD, y: b.y + 16 }, g);
      t.textContent = shorten(b.label, Math.floor(b.w / 7));
    });

    var edgeLayer = el("g", {}, svg);
    var byNode = {};
    data.edges.forEach(function (e) {
      var a = plan.positions[e.source], b = plan.positions[e.target];
      if (!a || !b) { return; }
      var path = el("path", {
        "class": "landscape-edge " + e.method, d: edgePath(a, b), "marker-end": "url(#landscape-arrow)",
        "data-source": e.source, "data-target": e.target
      }, edgeLayer);
      var title = el("title", {}, path);
      title.textContent = a.node.name + " \u2192 " + b.node.name + " (" + e.method_label + ")" +
        (e.description ? ": " + e.description : "");
      (byNode[e.source] = byNode[e.source] || []).push(path);
      (byNode[e.target] = byNode[e.target] || []).push(path);
    });

    Object.keys(plan.positions).forEach(function (id) {
      var p = plan.positions[id], n = p.node;
      var classes = ["landscape-node", n.source];
      if (n.national) { classes.push("national"); }
      if (n.context) { classes.push("context"); }
      if (n.status === "retired") { classes.push("retired"); }
      var link = el("a", { href: n.url, "class": classes.join(" "), "data-id": n.id }, svg);
      el("rect", { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 4 }, link);
      var label = el("text", { x: p.x + 8, y: p.y + NODE_H / 2 + 4 }, link);
      label.textContent = shorten(n.name, 26);
      var tip = el("title", {}, link);
      tip.textContent = n.name + "\n" + n.agency + " \u00b7 " + n.kind_label + " \u00b7 " + n.source_label +
        " \u00b7 " + n.status_label + " \u00b7 " + n.field_label;
      var lit = byNode[n.id] || [];
      function on() { svg.classList.add("focusing"); lit.forEach(function (p) { p.classList.add("lit"); }); }
      function off() { svg.classList.remove("focusing"); lit.forEach(function (p) { p.classList.remove("lit"); }); }
      link.addEventListener("mouseenter", on);
      link.addEventListener("mouseleave", off);
      link.addEventListener("focus", on);
      link.addEventListener("blur", off);
    });
    holder.dataset.drawn = String(Object.keys(plan.positions).length);
  }

  if (groupSelect) { groupSelect.addEventListener("change", draw); }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(draw, 200);
  });
  draw();
})();
