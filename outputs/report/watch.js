// The animated map of report.html: one replicate's militant events, week
// by week, on the Sahel map. Written for sahelsim's report; it reads the
// data the page carries (#watch-data) and fetches nothing.
(function () {
  "use strict";
  var root = document.getElementById("watch");
  var src = document.getElementById("watch-data");
  if (!root || !src) return;
  var D = JSON.parse(src.textContent);
  var NS = "http://www.w3.org/2000/svg";
  var $ = function (id) { return document.getElementById(id); };
  var slider = $("watch-week"), date = $("watch-date"), play = $("watch-play");
  var evLayer = $("watch-events"), dispLayer = $("watch-displaced");
  var layerBox = $("watch-layer"), totals = $("watch-totals");
  var steps = D.dates.length, E = D.events, P = D.displaced;

  // Offsets of each step's events and displacement in the flat arrays
  // (5 and 3 numbers a row, in step order).
  function index(a, width) {
    var start = new Array(steps + 1).fill(0), i;
    for (i = 0; i < a.length; i += width) start[a[i] + 1]++;
    for (i = 0; i < steps; i++) start[i + 1] += start[i];
    return start;
  }
  var evAt = index(E, 5), dispAt = index(P, 3);

  // Cumulative tallies by step: events by group and by label, fatalities
  // and people displaced.
  var ng = D.groups.length, nl = D.labels.length;
  var cumGroup = [], cumLabel = [], cumFat = [], cumDisp = [];
  (function () {
    var g = new Array(ng).fill(0), l = new Array(nl).fill(0), f = 0, p = 0, s, i;
    for (s = 0; s < steps; s++) {
      for (i = evAt[s]; i < evAt[s + 1]; i++) {
        g[E[5 * i + 2]]++; l[E[5 * i + 3]]++; f += E[5 * i + 4];
      }
      for (i = dispAt[s]; i < dispAt[s + 1]; i++) p += P[3 * i + 2];
      cumGroup.push(g.slice()); cumLabel.push(l.slice()); cumFat.push(f); cumDisp.push(p);
    }
  })();

  function mode() {
    var r = document.querySelector('input[name="watch-color"]:checked');
    return r ? r.value : "group";
  }
  function keys() { return mode() === "label" ? D.labels : D.groups; }

  function fmt(n) { return Math.round(n).toLocaleString("en-GB"); }

  function drawTotals(s) {
    var byLabel = mode() === "label", ks = keys();
    var cum = byLabel ? cumLabel[s] : cumGroup[s];
    var week = new Array(ks.length).fill(0);
    for (var i = evAt[s]; i < evAt[s + 1]; i++) week[E[5 * i + (byLabel ? 3 : 2)]]++;
    var rows = ["<tr><th scope=\"col\">" + (byLabel ? "Observed label" : "True group") +
      "</th><th scope=\"col\">This week</th><th scope=\"col\">To date</th></tr>"];
    for (var k = 0; k < ks.length; k++) {
      rows.push("<tr><td><span class=\"swatch\" style=\"background:" + ks[k].color + "\"></span>" +
        ks[k].name.replace(/&/g, "&amp;").replace(/</g, "&lt;") + "</td><td>" + week[k] + "</td><td>" + fmt(cum[k]) + "</td></tr>");
    }
    var n = evAt[s + 1] - evAt[s], all = evAt[s + 1];
    rows.push("<tr class=\"total\"><td>Militant events</td><td>" + n + "</td><td>" + fmt(all) + "</td></tr>");
    rows.push("<tr class=\"total\"><td>Fatalities</td><td>" + fmt(cumFat[s] - (s ? cumFat[s - 1] : 0)) + "</td><td>" + fmt(cumFat[s]) + "</td></tr>");
    rows.push("<tr class=\"total\"><td>People displaced</td><td>" + fmt(cumDisp[s] - (s ? cumDisp[s - 1] : 0)) + "</td><td>" + fmt(cumDisp[s]) + "</td></tr>");
    totals.innerHTML = rows.join("");
  }

  function draw(s) {
    s = Math.max(0, Math.min(steps - 1, s | 0));
    var ks = keys(), col = mode() === "label" ? 3 : 2, half = D.cell / 2;
    while (evLayer.firstChild) evLayer.removeChild(evLayer.firstChild);
    while (dispLayer.firstChild) dispLayer.removeChild(dispLayer.firstChild);
    if (layerBox.checked) {
      for (var j = dispAt[s]; j < dispAt[s + 1]; j++) {
        var c = P[3 * j + 1], people = P[3 * j + 2];
        var r = document.createElementNS(NS, "rect");
        r.setAttribute("class", "disp");
        r.setAttribute("x", D.cells[2 * c] - half); r.setAttribute("y", D.cells[2 * c + 1] - half);
        r.setAttribute("width", D.cell); r.setAttribute("height", D.cell);
        r.setAttribute("fill", "#0072b2");
        r.setAttribute("fill-opacity", Math.min(0.75, 0.15 + 0.12 * Math.log10(1 + people)));
        dispLayer.appendChild(r);
      }
    }
    // Events in the same cell spread in a small spiral around its centre.
    var seen = {};
    for (var i = evAt[s]; i < evAt[s + 1]; i++) {
      var cell = E[5 * i + 1], n = seen[cell] = (seen[cell] || 0) + 1;
      var a = 2.39996 * n, rad = n > 1 ? half * 0.28 * Math.sqrt(n - 1) : 0;
      var circle = document.createElementNS(NS, "circle");
      circle.setAttribute("class", "ev");
      circle.setAttribute("cx", (D.cells[2 * cell] + rad * Math.cos(a)).toFixed(1));
      circle.setAttribute("cy", (D.cells[2 * cell + 1] + rad * Math.sin(a)).toFixed(1));
      circle.setAttribute("r", (2.2 + Math.sqrt(E[5 * i + 4])).toFixed(1));
      circle.setAttribute("fill", ks[E[5 * i + col]].color);
      evLayer.appendChild(circle);
    }
    slider.value = s;
    date.textContent = "Week " + (s + 1) + " of " + steps + ": " + D.dates[s];
    root.setAttribute("data-week", s + 1);
    root.setAttribute("data-drawn", evAt[s + 1] - evAt[s]);
    drawTotals(s);
  }

  var timer = null;
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "Play"; play.setAttribute("aria-pressed", "false");
  }
  function start() {
    if (+slider.value >= steps - 1) draw(0);
    timer = setInterval(function () {
      var s = +slider.value + 1;
      if (s >= steps) { stop(); return; }
      draw(s);
    }, 150);
    play.textContent = "Pause"; play.setAttribute("aria-pressed", "true");
  }
  play.addEventListener("click", function () { if (timer === null) start(); else stop(); });
  slider.addEventListener("input", function () { stop(); draw(+slider.value); });
  layerBox.addEventListener("change", function () { draw(+slider.value); });
  var radios = document.querySelectorAll('input[name="watch-color"]');
  for (var i = 0; i < radios.length; i++) radios[i].addEventListener("change", function () { draw(+slider.value); });

  slider.max = steps - 1;
  // #week=N (from 1) opens the map at week N: a link to a week.
  var m = /(?:^#|&)week=(\d+)/.exec(location.hash);
  draw(m ? +m[1] - 1 : 0);
})();
