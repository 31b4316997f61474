// The analyst's controls of the network page. `network`, `nodes` and `edges` are pyvis's;
// NG (the page's data: articles, actors, evidence) is read from the JSON script #ng-data.
// Every text from an article is set with textContent, never as markup.
(function () {
  "use strict";
  var NG = JSON.parse(document.getElementById("ng-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var allNodes = nodes.get(), allEdges = edges.get();
  var byId = {};
  allNodes.forEach(function (n) { byId[n.id] = n; });
  var WEEK = 7 * 24 * 3600 * 1000;
  var state = {types: {}, rels: {}, support: 1, isolated: false, colour: "type", from: null, to: null,
               focus: null, hops: 0, path: null};

  // ------------------------------------------------------------------ helpers
  function fold(text) {  // any case, any accents: « poutine » finds « Poutine »
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function articleLine(id) {
    var a = NG.articles[id] || {};
    return [a.title || id, a.date, a.outlet].filter(Boolean).join(" — ");
  }
  function dayOf(text) { return text ? Date.parse(text.slice(0, 10) + "T00:00:00Z") : NaN; }
  function distance(a, b) {  // edit distance, for « closest names »
    var row = [], i, j, previous, next;
    for (j = 0; j <= b.length; j++) { row.push(j); }
    for (i = 1; i <= a.length; i++) {
      previous = row[0]; row[0] = i;
      for (j = 1; j <= b.length; j++) {
        next = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = next;
      }
    }
    return row[b.length];
  }
  function matches(text) {
    return allNodes.filter(function (n) {
      return (n.names || [n.label]).some(function (name) { return fold(name).indexOf(text) >= 0; });
    });
  }
  function closest(text, count) {  // the whole name, or word by word (« kagame paull » ~ « Paul Kagame »)
    var typed = text.split(/\s+/).filter(Boolean);
    var scored = allNodes.map(function (n) {
      var best = Math.min.apply(null, (n.names || [n.label]).map(function (name) {
        var folded = fold(name), words = folded.split(/\s+/);
        var byWord = typed.reduce(function (sum, w) {
          return sum + Math.min.apply(null, words.map(function (v) { return distance(w, v); }));
        }, 0);
        return Math.min(distance(text, folded), byWord);
      }));
      return [best, n.label];
    }).filter(function (s) { return s[0] <= Math.max(2, Math.floor(text.length / 3)); });
    scored.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); });
    return scored.slice(0, count).map(function (s) { return s[1]; });
  }

  // ------------------------------------------------------------------ dates
  var days = [];
  Object.keys(NG.articles).forEach(function (id) { var d = dayOf(NG.articles[id].date); if (!isNaN(d)) { days.push(d); } });
  var first = days.length ? Math.min.apply(null, days) : NaN, last = days.length ? Math.max.apply(null, days) : NaN;
  var weeks = days.length ? Math.floor((last - first) / WEEK) + 1 : 0;
  function evidenceOf(e) { return NG.evidence[e.id] || []; }
  function inPeriod(row) {
    if (!weeks || (state.from === 0 && state.to === weeks)) { return true; }
    var d = dayOf((NG.articles[row.article] || {}).date);
    if (isNaN(d)) { return false; }  // an undated article states nothing about a period
    var w = Math.floor((d - first) / WEEK);
    return w >= state.from && w < state.to;
  }
  function supportIn(e) {  // the articles that state the relation, in the period
    var rows = evidenceOf(e);
    if (!rows.length) { return e.support || 1; }
    var seen = {};
    rows.forEach(function (r) { if (inPeriod(r)) { seen[r.article] = true; } });
    return Object.keys(seen).length;
  }

  // ------------------------------------------------------------------ what is shown
  function visibleSets() {
    var shownEdges = allEdges.filter(function (e) {
      return state.rels[e.relation] !== false && state.types[byId[e.from].kind] !== false &&
        state.types[byId[e.to].kind] !== false && supportIn(e) >= state.support;
    });
    var linked = {};
    shownEdges.forEach(function (e) { linked[e.from] = true; linked[e.to] = true; });
    var shownNodes = {};
    allNodes.forEach(function (n) {
      if (state.types[n.kind] !== false && (linked[n.id] || state.isolated)) { shownNodes[n.id] = true; }
    });
    if (state.focus && byId[state.focus]) {
      var near = {}, frontier = [state.focus], hops = state.hops || 99;
      near[state.focus] = true;
      for (var h = 0; h < hops && frontier.length; h++) {
        var next = [];
        shownEdges.forEach(function (e) {
          [[e.from, e.to], [e.to, e.from]].forEach(function (pair) {
            if (frontier.indexOf(pair[0]) >= 0 && !near[pair[1]]) { near[pair[1]] = true; next.push(pair[1]); }
          });
        });
        frontier = next;
      }
      if (state.hops) {
        Object.keys(shownNodes).forEach(function (id) { if (!near[id]) { delete shownNodes[id]; } });
        shownNodes[state.focus] = true;
      }
    }
    shownEdges = shownEdges.filter(function (e) { return shownNodes[e.from] && shownNodes[e.to]; });
    return {nodes: shownNodes, edges: shownEdges};
  }
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  function refresh() {
    var shown = visibleSets(), edgeIds = {};
    shown.edges.forEach(function (e) { edgeIds[e.id] = true; });
    var onPath = state.path || {nodes: {}, edges: {}};
    nodes.update(allNodes.map(function (n) {
      var colour = state.colour === "community" ? PALETTE[n.community % PALETTE.length] : n.typeColour;
      return {id: n.id, hidden: !shown.nodes[n.id], color: onPath.nodes[n.id] ? {background: colour, border: "#000"} : colour,
              borderWidth: onPath.nodes[n.id] ? 4 : 1};
    }));
    edges.update(allEdges.map(function (e) {
      return {id: e.id, hidden: !edgeIds[e.id], width: onPath.edges[e.id] ? 6 : e.baseWidth,
              color: onPath.edges[e.id] ? "#000" : undefined};
    }));
    $("ng-stats").textContent = Object.keys(shown.nodes).length + " of " + allNodes.length + " actors, " +
      shown.edges.length + " of " + allEdges.length + " relations shown";
    if (weeks) {
      var start = new Date(first + state.from * WEEK), end = new Date(first + state.to * WEEK - 24 * 3600 * 1000);
      $("ng-period").textContent = start.toISOString().slice(0, 10) + " – " + end.toISOString().slice(0, 10);
    }
    saveState();
  }

  // ------------------------------------------------------------------ the details panel
  function panel(title) {
    var box = $("ng-panel");
    box.textContent = "";
    box.style.display = "block";
    var close = el("button", "×", "ng-close");
    close.title = "Close";
    close.addEventListener("click", function () { box.style.display = "none"; });
    box.appendChild(close);
    box.appendChild(el("h2", title));
    return box;
  }
  function section(box, title, items) {
    if (!items.length) { return; }
    box.appendChild(el("h3", title));
    var list = el("ul");
    items.forEach(function (item) { list.appendChild(typeof item === "string" ? el("li", item) : item); });
    box.appendChild(list);
  }
  function showActor(id) {
    var n = byId[id], info = NG.actors[id] || {}, box = panel(n.label);
    box.appendChild(el("p", n.kind, "ng-kind"));
    if (info.wikidata) {
      var link = el("a", "Wikidata " + info.wikidata);
      link.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(info.wikidata);
      link.target = "_blank"; link.rel = "noopener";
      var p = el("p"); p.appendChild(link); box.appendChild(p);
    }
    section(box, "Other names", (n.names || []).filter(function (name) { return name !== n.label; }));
    var roles = [], links = [];
    allEdges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var other = byId[e.from === id ? e.to : e.from].label;
      var line = e.from === id ? e.relation + " → " + other : other + " → " + e.relation + " → " + n.label;
      (["met", "spokeWith", "negotiatesWith"].indexOf(e.relation) >= 0 ? links : roles).push(line + " (" + (e.support || 1) + ")");
    });
    section(box, "Roles", roles);
    section(box, "Meetings and talks", links);
    section(box, "Articles", (info.articles || []).map(articleLine));
  }
  function showRelation(id) {
    var e = byId[id] ? null : allEdges.filter(function (x) { return x.id === id; })[0];
    if (!e) { return; }
    var box = panel(byId[e.from].label + " — " + e.relation + " — " + byId[e.to].label);
    box.appendChild(el("p", "stated in " + (e.support || 1) + " article(s)", "ng-kind"));
    var rows = evidenceOf(e);
    if (!rows.length) { box.appendChild(el("p", "No evidence in this page.")); }
    rows.forEach(function (row) {
      var item = el("div", null, "ng-evidence");
      item.appendChild(el("blockquote", row.sentence));
      item.appendChild(el("div", articleLine(row.article), "ng-source"));
      item.appendChild(el("div", "rule " + row.rule + " · confidence " + row.confidence +
        (row.planned ? " · planned" : "") + " · characters " + row.start + "–" + row.end, "ng-meta"));
      var copy = el("button", "Copy", "ng-copy");
      copy.addEventListener("click", function () {
        var text = "« " + row.sentence + " » — " + articleLine(row.article);
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { copy.textContent = "Copied"; },
                                                   function () { fallbackCopy(text, copy); });
        } else { fallbackCopy(text, copy); }
      });
      item.appendChild(copy);
      box.appendChild(item);
    });
  }
  function fallbackCopy(text, button) {
    var area = el("textarea"); area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); button.textContent = "Copied"; } catch (err) { button.textContent = "Select and copy"; }
    document.body.removeChild(area);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showActor(params.nodes[0]); }
    else if (params.edges.length) { showRelation(params.edges[0]); }
  });

  // ------------------------------------------------------------------ find, focus, path
  function findActor(text) {
    text = fold(text.trim());
    if (!text) { return null; }
    var hits = matches(text);
    return hits.length ? hits[0].id : null;
  }
  $("ng-search").addEventListener("input", function (event) {
    var text = fold(event.target.value.trim()), found = $("ng-found");
    if (!text) { found.textContent = ""; network.unselectAll(); return; }
    var hits = matches(text);
    found.textContent = hits.length + " found";
    if (!hits.length) {
      var close = closest(text, 3);
      if (close.length) { found.textContent += " — closest: " + close.join(", "); }
      return;
    }
    network.selectNodes(hits.map(function (n) { return n.id; }));
    network.focus(hits[0].id, {scale: 1.2, animation: false});
    if (hits.length === 1) { showActor(hits[0].id); }
  });
  $("ng-focus").addEventListener("click", function () {
    state.focus = findActor($("ng-search").value);
    state.hops = parseInt($("ng-hops").value, 10);
    refresh();
    if (state.focus) { network.focus(state.focus, {scale: 1.0, animation: false}); }
  });
  $("ng-hops").addEventListener("change", function () { state.hops = parseInt($("ng-hops").value, 10); refresh(); });
  $("ng-path-go").addEventListener("click", function () {
    var a = findActor($("ng-path-a").value), b = findActor($("ng-path-b").value), out = $("ng-path-result");
    state.path = null;
    if (!a || !b) { out.textContent = "Name two actors."; refresh(); return; }
    var shown = visibleSets(), previous = {}, queue = [a];
    previous[a] = null;
    while (queue.length && !(b in previous)) {
      var at = queue.shift();
      shown.edges.forEach(function (e) {
        var other = e.from === at ? e.to : e.to === at ? e.from : null;
        if (other !== null && !(other in previous)) { previous[other] = [at, e]; queue.push(other); }
      });
    }
    if (!(b in previous)) { out.textContent = "No connection between them in what is shown."; refresh(); return; }
    var path = {nodes: {}, edges: {}}, steps = [], node = b;
    while (node !== null) {
      path.nodes[node] = true;
      var step = previous[node];
      if (step) { path.edges[step[1].id] = true; steps.unshift(step[1].relation + " — " + byId[node].label); }
      node = step ? step[0] : null;
    }
    state.path = path;
    out.textContent = [byId[a].label].concat(steps).join(" — ");
    refresh();
    network.fit({nodes: Object.keys(path.nodes), animation: false});
  });

  // ------------------------------------------------------------------ filters
  document.querySelectorAll("input.ng-type").forEach(function (box) {
    box.addEventListener("change", function () { state.types[box.value] = box.checked; refresh(); });
  });
  document.querySelectorAll("input.ng-rel").forEach(function (box) {
    box.addEventListener("change", function () { state.rels[box.value] = box.checked; refresh(); });
  });
  var maxSupport = Math.max.apply(null, [1].concat(allEdges.map(function (e) { return e.support || 1; })));
  $("ng-support").max = maxSupport;
  $("ng-support").addEventListener("input", function () {
    state.support = parseInt($("ng-support").value, 10); $("ng-support-value").textContent = state.support; refresh();
  });
  $("ng-isolated").addEventListener("change", function () { state.isolated = $("ng-isolated").checked; refresh(); });
  $("ng-colour").addEventListener("change", function () { state.colour = $("ng-colour").value; refresh(); });
  if (weeks) {
    state.from = 0; state.to = weeks;
    ["ng-from", "ng-to"].forEach(function (id) { $(id).max = weeks; });
    $("ng-from").value = 0; $("ng-to").value = weeks;
    $("ng-time").style.display = "";
    $("ng-from").addEventListener("input", function () {
      state.from = Math.min(parseInt($("ng-from").value, 10), state.to - 1); $("ng-from").value = state.from; refresh();
    });
    $("ng-to").addEventListener("input", function () {
      state.to = Math.max(parseInt($("ng-to").value, 10), state.from + 1); $("ng-to").value = state.to; refresh();
    });
    var playing = null;
    $("ng-play").addEventListener("click", function () {
      if (playing) { clearInterval(playing); playing = null; $("ng-play").textContent = "▶ Play"; return; }
      state.to = state.from + 1; $("ng-to").value = state.to; refresh();
      $("ng-play").textContent = "❚❚ Pause";
      playing = setInterval(function () {
        if (state.to >= weeks) { clearInterval(playing); playing = null; $("ng-play").textContent = "▶ Play"; return; }
        state.to += 1; $("ng-to").value = state.to; refresh();
      }, 800);
    });
  }

  // ------------------------------------------------------------------ sharing: URL and exports
  function saveState() {
    var keep = {
      t: Object.keys(state.types).filter(function (k) { return state.types[k] === false; }),
      r: Object.keys(state.rels).filter(function (k) { return state.rels[k] === false; }),
      s: state.support, i: state.isolated ? 1 : 0, c: state.colour, h: state.hops,
      f: state.focus ? byId[state.focus].label : "", p: weeks ? [state.from, state.to] : []
    };
    history.replaceState(null, "", "#" + encodeURIComponent(JSON.stringify(keep)));
  }
  function loadState() {
    if (!location.hash || location.hash.length < 2) { return; }
    var keep;
    try { keep = JSON.parse(decodeURIComponent(location.hash.slice(1))); } catch (err) { return; }
    (keep.t || []).forEach(function (k) { state.types[k] = false; });
    (keep.r || []).forEach(function (k) { state.rels[k] = false; });
    state.support = Math.max(1, parseInt(keep.s, 10) || 1);
    state.isolated = keep.i === 1; state.colour = keep.c === "community" ? "community" : "type";
    state.hops = parseInt(keep.h, 10) || 0;
    state.focus = keep.f ? findActor(keep.f) : null;
    if (weeks && keep.p && keep.p.length === 2) {
      state.from = Math.max(0, Math.min(weeks - 1, keep.p[0])); state.to = Math.max(state.from + 1, Math.min(weeks, keep.p[1]));
    }
    document.querySelectorAll("input.ng-type").forEach(function (b) { b.checked = state.types[b.value] !== false; });
    document.querySelectorAll("input.ng-rel").forEach(function (b) { b.checked = state.rels[b.value] !== false; });
    $("ng-support").value = state.support; $("ng-support-value").textContent = state.support;
    $("ng-isolated").checked = state.isolated; $("ng-colour").value = state.colour; $("ng-hops").value = state.hops;
    if (state.focus) { $("ng-search").value = keep.f; }
    if (weeks) { $("ng-from").value = state.from; $("ng-to").value = state.to; }
  }
  function download(name, url) {
    var a = el("a"); a.href = url; a.download = name; document.body.appendChild(a); a.click(); document.body.removeChild(a);
  }
  $("ng-png").addEventListener("click", function () {
    download("newsgraph-network.png", document.querySelector("#mynetwork canvas").toDataURL("image/png"));
  });
  function xml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  $("ng-graphml").addEventListener("click", function () {
    var shown = visibleSets(), out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="label" for="node" attr.name="label" attr.type="string"/>',
      '<key id="type" for="node" attr.name="type" attr.type="string"/>',
      '<key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
      '<key id="support" for="edge" attr.name="support" attr.type="int"/>',
      '<graph edgedefault="directed">'];
    Object.keys(shown.nodes).forEach(function (id) {
      out.push('<node id="' + xml(id) + '"><data key="label">' + xml(byId[id].label) + '</data><data key="type">' +
               xml(byId[id].kind) + "</data></node>");
    });
    shown.edges.forEach(function (e) {
      out.push('<edge source="' + xml(e.from) + '" target="' + xml(e.to) + '"><data key="relation">' + xml(e.relation) +
               '</data><data key="support">' + supportIn(e) + "</data></edge>");
    });
    out.push("</graph></graphml>");
    download("newsgraph-network.graphml", URL.createObjectURL(new Blob([out.join("\n")], {type: "application/xml"})));
  });

  loadState();
  refresh();
  if (state.focus) { network.focus(state.focus, {scale: 1.0, animation: false}); }
  else {  // labels legible at the opening zoom: no further out than this, centred on the actors shown
    network.fit({nodes: Object.keys(visibleSets().nodes), animation: false});
    if (network.getScale() < 0.75) { network.moveTo({scale: 0.75, animation: false}); }
  }
  window.ngReady = true;
})();
