// The network view (akrim.web.pages.network): draws the neighbourhood the page holds, adds a
// node's neighbours when it is clicked (GET /api/v1/network/{id}), switches link kinds on and
// off, and shows the clicked node in the side panel. Without this script the page's tables
// hold the same nodes and links.
"use strict";

(function () {
  const holder = document.getElementById("network-graph");
  const source = document.getElementById("network-data");
  if (!holder || !source || typeof cytoscape !== "function") {
    return;
  }
  document.getElementById("network-view").hidden = false;  // a container needs its size
  const config = JSON.parse(source.textContent);
  const texts = config.texts;
  const groupOf = {};
  config.groups.forEach(function (group) {
    group.kinds.forEach(function (kind) { groupOf[kind] = group; });
  });
  const expanded = new Set([config.data.root]);

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function nodeElement(node) {
    return {group: "nodes", data: {
      id: node.id, label: node.label, kind: node.kind, links: node.links,
      profile: node.profile, cut: node.cut}, classes: node.cut ? "cut" : ""};
  }

  function edgeElement(edge) {
    return {group: "edges", data: {
      id: edge.id, source: edge.source, target: edge.target, kind: edge.kind,
      group: (groupOf[edge.kind] || {key: edge.kind}).key,
      label: edge.role || ""}};
  }

  function style() {
    const rules = [
      {selector: "node", style: {
        "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
        "text-wrap": "ellipsis", "text-max-width": 120, "color": "#1a1a1a",
        "width": 18, "height": 18, "border-width": 1, "border-color": "#1a1a1a"}},
      {selector: "node.cut", style: {"border-width": 3, "border-style": "dashed"}},
      {selector: "node.root", style: {"width": 30, "height": 30, "border-width": 3,
                                      "font-weight": "bold"}},
      {selector: "node:selected", style: {"border-width": 4, "border-color": "#000",
                                          "overlay-opacity": 0.15}},
      {selector: "edge", style: {
        "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
        "arrow-scale": 0.7, "label": "data(label)", "font-size": 8,
        "text-rotation": "autorotate", "color": "#1a1a1a"}}];
    const shapes = {person: "ellipse", company: "round-rectangle", address: "diamond"};
    Object.keys(config.node_colours).forEach(function (kind) {
      rules.push({selector: 'node[kind = "' + kind + '"]', style: {
        "background-color": config.node_colours[kind], "shape": shapes[kind]}});
    });
    config.groups.forEach(function (group) {
      rules.push({selector: 'edge[group = "' + group.key + '"]', style: {
        "line-color": group.colour, "target-arrow-color": group.colour,
        "line-style": group.line}});
    });
    return rules;
  }

  const cy = cytoscape({
    container: holder,
    elements: config.data.nodes.map(nodeElement).concat(config.data.edges.map(edgeElement)),
    style: style(),
    wheelSensitivity: 0.3,
  });
  cy.getElementById(config.data.root).addClass("root");
  holder.cy = cy;  // for the browser test and the console

  function layout() {
    cy.layout({name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
               fit: true, padding: 20}).run();
  }

  function shownKinds() {
    const shown = new Set();
    document.querySelectorAll('#network-kinds input[name="kind"]').forEach(function (box) {
      if (box.checked) { shown.add(box.value); }
    });
    return shown;
  }

  // A node stays in view while one of its shown links does (the root always).
  function applyKinds() {
    const shown = shownKinds();
    cy.batch(function () {
      cy.edges().forEach(function (edge) {
        edge.style("display", shown.has(edge.data("group")) ? "element" : "none");
      });
      cy.nodes().forEach(function (node) {
        const linked = node.connectedEdges().some(function (edge) {
          return shown.has(edge.data("group"));
        });
        node.style("display", linked || node.hasClass("root") ? "element" : "none");
      });
    });
    report();
  }

  function report(message) {
    const visible = cy.elements(":visible");
    const counts = say(texts.shown, {nodes: visible.nodes().length,
                                     edges: visible.edges().length});
    document.getElementById("network-status").textContent =
      message ? message + " " + counts : counts;
    holder.dataset.nodes = String(visible.nodes().length);
    holder.dataset.edges = String(visible.edges().length);
  }

  function showInPanel(node) {
    const data = node.data();
    document.getElementById("network-panel-empty").hidden = true;
    document.getElementById("network-panel-node").hidden = false;
    document.getElementById("network-panel-label").textContent = data.label;
    document.getElementById("network-panel-kind").textContent =
      document.querySelector(".legend .swatch.node." + data.kind).parentElement.textContent.trim();
    let links = say(texts.links_count, {shown: node.connectedEdges().length, total: data.links});
    if (data.cut) { links += " (" + texts.cut + ")"; }
    document.getElementById("network-panel-links").textContent = links;
    const profile = document.getElementById("network-panel-profile");
    profile.hidden = !data.profile;
    profile.href = data.profile || "#";
    document.getElementById("network-panel-page").href =
      config.page + encodeURIComponent(data.id).replace(/%3A/g, ":");
  }

  function expand(node) {
    const id = node.id();
    if (expanded.has(id)) { return; }
    expanded.add(id);
    const label = node.data("label");
    report(say(texts.loading, {label: label}));
    const url = config.api + encodeURIComponent(id) + "?depth=1&max_nodes=" + config.max_nodes;
    fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (answer) {
        return answer.json().then(function (body) {
          if (!answer.ok) { throw new Error(body.detail || answer.statusText); }
          return body;
        });
      })
      .then(function (body) {
        const fresh = body.nodes.filter(function (n) { return cy.getElementById(n.id).empty(); });
        cy.batch(function () {
          cy.add(fresh.map(nodeElement));
          cy.add(body.edges.filter(function (e) { return cy.getElementById(e.id).empty(); })
                 .map(edgeElement));
          const cut = body.nodes.find(function (n) { return n.id === id; });
          node.data("cut", Boolean(cut && cut.cut));
          node.toggleClass("cut", Boolean(cut && cut.cut));
        });
        layout();
        applyKinds();
        report(say(body.truncated ? texts.added_cut : texts.added,
                   {count: fresh.length, label: label}));
        holder.dataset.expanded = String(expanded.size);
        showInPanel(node);
      })
      .catch(function (error) {
        expanded.delete(id);
        report(say(texts.failed, {reason: error.message}));
      });
  }

  cy.on("tap", "node", function (event) {
    showInPanel(event.target);
    expand(event.target);
  });
  document.getElementById("network-kinds").addEventListener("change", applyKinds);
  layout();
  applyKinds();
  holder.dataset.ready = "true";
})();
