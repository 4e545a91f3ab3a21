// Name completion for the speakers page: an ARIA combobox over /api/names.
// The page works without this script (the form lists matching speakers); it only adds suggestions.
(function () {
  "use strict";

  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var endpoint = input.getAttribute("data-complete");
    var active = -1, items = [], timer = null, seq = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (o, k) { o.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(names) {
      items = names;
      list.textContent = "";            // built with DOM nodes, never innerHTML: names are data
      names.forEach(function (n, k) {
        var li = document.createElement("li");
        li.id = "name-option-" + k;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = n.name;
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = n.quote_count + (n.quote_count === 1 ? " quote" : " quotes");
        li.appendChild(name);
        li.appendChild(count);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); go(k); });
        list.appendChild(li);
      });
      if (names.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }

    function go(k) {
      if (items[k]) { window.location.href = items[k].url; }
    }

    function fetchNames() {
      var q = input.value.trim();
      if (!q) { close(); return; }
      var mine = ++seq;                 // answers can arrive out of order: keep the latest only
      fetch(endpoint + "?q=" + encodeURIComponent(q) + "&limit=10", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { rows: [] }; })
        .then(function (data) { if (mine === seq) { show(data.rows || []); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchNames, 120);
    });
    input.addEventListener("keydown", function (ev) {
      var n = items.length;
      if (ev.key === "ArrowDown" && n) {
        ev.preventDefault();
        if (list.hidden) { show(items); }
        highlight((active + 1) % n);
      } else if (ev.key === "ArrowUp" && n) {
        ev.preventDefault();
        highlight(active <= 0 ? n - 1 : active - 1);
      } else if (ev.key === "Enter" && !list.hidden && active >= 0) {
        ev.preventDefault();
        go(active);
      } else if (ev.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-complete]").forEach(setup);
  });
})();
