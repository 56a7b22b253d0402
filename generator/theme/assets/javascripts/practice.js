/* Rubricate practice quizzes (plain ES2017, no libraries, no build step).
 *
 * A practice page embeds its questions as JSON in
 * <script type="application/json" id="rubricate-practice-data">; this script builds a form per
 * worked example from it (radios, selects, checkboxes, ranking positions, numbers), checks the
 * answers against the gold label and keeps a running score in sessionStorage (or in memory when
 * storage is unavailable). Nothing is fetched: the page works from file://.
 *
 * Every piece of author text is set with textContent (never innerHTML), so it shows as typed.
 * The explanations are rendered by MkDocs from escaped Markdown into hidden elements of the page;
 * they are moved into the feedback on "Check answer".
 */
(function () {
  "use strict";

  var DATA_ID = "rubricate-practice-data";

  // -- small DOM helpers --------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key === "text") node.textContent = String(value);
        else if (key === "className") node.className = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function humanize(name) {
    var words = String(name).replace(/[_-]+/g, " ").trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function canon(value) {
    return JSON.stringify(value === undefined ? null : value);
  }

  // -- storage: sessionStorage when it works, else memory -----------------------------------

  function makeStore(key) {
    var memory = {};
    function read() {
      try {
        var raw = window.sessionStorage.getItem(key);
        return raw ? JSON.parse(raw) : memory;
      } catch (err) {
        return memory;
      }
    }
    function write(state) {
      memory = state;
      try {
        window.sessionStorage.setItem(key, JSON.stringify(state));
      } catch (err) {
        /* private mode or file:// without storage: the in-memory copy is enough */
      }
    }
    return { read: read, write: write };
  }

  // -- the item, shown readably -------------------------------------------------------------

  var META_KEYS = ["prompt_id", "locale", "doc", "seg_id", "content_type", "source_lang",
    "target_lang", "format"];
  var TEXT_KEYS = ["text", "thought", "action", "observation", "description", "result",
    "arguments", "tool", "title", "snippet", "url", "parameters"];

  function textBlock(label, value, className) {
    return el("div", { className: "rubricate-practice__block " + (className || "") }, [
      el("div", { className: "rubricate-practice__label", text: label }),
      el("div", { className: "rubricate-practice__text", text: value }),
    ]);
  }

  function jsonBlock(label, value) {
    return el("div", { className: "rubricate-practice__block" }, [
      el("div", { className: "rubricate-practice__label", text: label }),
      el("pre", { className: "rubricate-practice__json" }, [
        el("code", { text: JSON.stringify(value, null, 2) }),
      ]),
    ]);
  }

  function valueNode(key, value) {
    if (typeof value === "string") return textBlock(humanize(key), value);
    if (value !== null && typeof value === "object") return jsonBlock(humanize(key), value);
    return textBlock(humanize(key), String(value));
  }

  function entryCard(entry, position, noun) {
    if (entry === null || typeof entry !== "object") {
      return el("li", { className: "rubricate-practice__entry", text: String(entry) });
    }
    var head = [];
    if ("index" in entry) head.push(humanize(noun) + " " + entry.index);
    else if ("id" in entry) head.push(humanize(noun) + " " + entry.id);
    else head.push(humanize(noun) + " " + (position + 1));
    if (entry.role) head.push(entry.role);
    if (entry.name && typeof entry.name === "string") head.push(entry.name);
    var card = el("li", { className: "rubricate-practice__entry" }, [
      el("div", { className: "rubricate-practice__entry-head", text: head.join(" · ") }),
    ]);
    Object.keys(entry).forEach(function (key) {
      if (key === "index" || key === "role" || key === "id" || key === "name") return;
      card.appendChild(valueNode(key, entry[key]));
    });
    return card;
  }

  function imageNote(image) {
    var name = image.file_name || image.file || image.name || "image";
    var size = image.width && image.height ? image.width + " × " + image.height + " px" : "";
    return el("div", { className: "rubricate-practice__image", role: "note" }, [
      el("strong", { text: "Image: " }),
      el("code", { text: String(name) }),
      size ? " (" + size + "). " : ". ",
      "No image is included in the practice sets: judge from the example title and the " +
        "details given with each question.",
    ]);
  }

  function renderItem(item) {
    var box = el("div", { className: "rubricate-practice__item" });
    var meta = [];
    var keys = Object.keys(item || {});
    var pair = typeof item.source === "string" && typeof item.target === "string";
    keys.forEach(function (key) {
      var value = item[key];
      if (META_KEYS.indexOf(key) >= 0 && typeof value !== "object") {
        meta.push(humanize(key) + ": " + value);
        return;
      }
      if (key === "image" && value && typeof value === "object") {
        box.appendChild(imageNote(value));
        return;
      }
      if (pair && key === "target") return;
      if (pair && key === "source") {
        var src = item.source_lang ? " (" + item.source_lang + ")" : "";
        var tgt = item.target_lang ? " (" + item.target_lang + ")" : "";
        box.appendChild(el("div", { className: "rubricate-practice__pair" }, [
          textBlock("Source" + src, item.source, "rubricate-practice__card"),
          textBlock("Target" + tgt, item.target, "rubricate-practice__card"),
        ]));
        return;
      }
      if (key === "responses" && Array.isArray(value)) {
        var grid = el("div", { className: "rubricate-practice__responses" });
        value.forEach(function (response, i) {
          var id = response && response.id !== undefined ? response.id : String(i + 1);
          var card = textBlock("Response " + id, response && response.text !== undefined
            ? String(response.text) : JSON.stringify(response), "rubricate-practice__card");
          grid.appendChild(card);
        });
        box.appendChild(el("div", { className: "rubricate-practice__label", text: "Responses" }));
        box.appendChild(grid);
        return;
      }
      if (Array.isArray(value) && value.length && typeof value[0] === "object") {
        var noun = key.replace(/ies$/, "y").replace(/s$/, "");
        var list = el("ol", { className: "rubricate-practice__entries" });
        value.forEach(function (entry, i) { list.appendChild(entryCard(entry, i, noun)); });
        box.appendChild(el("div", { className: "rubricate-practice__label", text: humanize(key) }));
        box.appendChild(list);
        return;
      }
      if (Array.isArray(value) && !value.length) {
        box.appendChild(textBlock(humanize(key), "(none)"));
        return;
      }
      if (value && typeof value === "object" && !Array.isArray(value)) {
        var group = el("div", { className: "rubricate-practice__block" }, [
          el("div", { className: "rubricate-practice__label", text: humanize(key) }),
        ]);
        Object.keys(value).forEach(function (sub) {
          if (TEXT_KEYS.indexOf(sub) >= 0 || typeof value[sub] !== "object") {
            group.appendChild(valueNode(sub, value[sub]));
          } else {
            group.appendChild(jsonBlock(humanize(sub), value[sub]));
          }
        });
        box.appendChild(group);
        return;
      }
      box.appendChild(valueNode(key, value));
    });
    if (meta.length) {
      box.insertBefore(el("p", { className: "rubricate-practice__meta", text: meta.join(" · ") }),
        box.firstChild);
    }
    return box;
  }

  // -- controls -----------------------------------------------------------------------------

  var uid = 0;
  function nextId(prefix) {
    uid += 1;
    return "rp-" + prefix + "-" + uid;
  }

  function optionLabel(field, value) {
    var found = (field.options || []).filter(function (o) { return canon(o.value) === canon(value); });
    return found.length ? found[0].label : String(value);
  }

  function meanings(field, ids) {
    var withHints = (field.options || []).filter(function (o) { return o.hint; });
    if (!withHints.length) return null;
    var numeric = withHints.every(function (o) { return typeof o.value === "number" || o.value === null; });
    var list = el("dl", {});
    withHints.forEach(function (option) {
      list.appendChild(el("dt", { text: option.label }));
      list.appendChild(el("dd", { id: ids[canon(option.value)], text: option.hint }));
    });
    return el("details", { className: "rubricate-practice__meanings" }, [
      el("summary", { text: numeric ? "What the levels mean" : "What the labels mean" }),
      list,
    ]);
  }

  function hintIds(field) {
    var ids = {};
    (field.options || []).forEach(function (option) {
      if (option.hint) ids[canon(option.value)] = nextId("hint");
    });
    return ids;
  }

  function helpNode(field) {
    if (!field.help) return null;
    var id = nextId("help");
    return { id: id, node: el("p", { className: "rubricate-practice__help", id: id, text: field.help }) };
  }

  // Each builder returns {node, read(): value | undefined, error(): message | null}.

  function buildChoice(field) {
    var help = helpNode(field);
    var ids = hintIds(field);
    var verdict = el("p", { className: "rubricate-practice__verdict", hidden: true });
    if (field.widget === "select") {
      var selectId = nextId("sel");
      var select = el("select", { id: selectId, "aria-describedby": help ? help.id : null });
      select.appendChild(el("option", { value: "", text: "— choose —" }));
      field.options.forEach(function (option) {
        select.appendChild(el("option", { value: canon(option.value), text: option.label,
          title: option.hint || null }));
      });
      var wrap = el("div", { className: "rubricate-practice__field" }, [
        el("label", { for: selectId, className: "rubricate-practice__field-label", text: field.label }),
        help ? help.node : null, select, meanings(field, ids), verdict,
      ]);
      return {
        node: wrap, verdict: verdict,
        read: function () { return select.value === "" ? undefined : JSON.parse(select.value); },
      };
    }
    var name = nextId("radio");
    var options = el("div", { className: "rubricate-practice__options" });
    var inputs = [];
    field.options.forEach(function (option) {
      var described = [help ? help.id : null, ids[canon(option.value)] || null]
        .filter(Boolean).join(" ");
      var input = el("input", { type: "radio", name: name, value: canon(option.value),
        "aria-describedby": described || null });
      inputs.push(input);
      options.appendChild(el("label", { className: "rubricate-practice__option",
        title: option.hint || null }, [input, el("span", { text: option.label })]));
    });
    var fieldset = el("fieldset", { className: "rubricate-practice__field" }, [
      el("legend", { text: field.label }), help ? help.node : null, options,
      meanings(field, ids), verdict,
    ]);
    return {
      node: fieldset, verdict: verdict,
      read: function () {
        var checked = inputs.filter(function (i) { return i.checked; });
        return checked.length ? JSON.parse(checked[0].value) : undefined;
      },
    };
  }

  function buildMulti(field) {
    var help = helpNode(field);
    var ids = hintIds(field);
    var verdict = el("p", { className: "rubricate-practice__verdict", hidden: true });
    var options = el("div", { className: "rubricate-practice__options rubricate-practice__options--multi" });
    var inputs = [];
    field.options.forEach(function (option) {
      var input = el("input", { type: "checkbox", value: canon(option.value),
        "aria-describedby": ids[canon(option.value)] || null });
      inputs.push(input);
      options.appendChild(el("label", { className: "rubricate-practice__option",
        title: option.hint || null }, [input, el("span", { text: option.label })]));
    });
    var fieldset = el("fieldset", { className: "rubricate-practice__field",
      "aria-describedby": help ? help.id : null }, [
      el("legend", { text: field.label }), help ? help.node : null, options,
      meanings(field, ids), verdict,
    ]);
    return {
      node: fieldset, verdict: verdict,
      read: function () {
        return inputs.filter(function (i) { return i.checked; })
          .map(function (i) { return JSON.parse(i.value); });
      },
    };
  }

  function buildRank(field) {
    var help = helpNode(field);
    var verdict = el("p", { className: "rubricate-practice__verdict", hidden: true });
    var count = field.options.length;
    var selects = [];
    var rows = el("div", { className: "rubricate-practice__rank" });
    var order = el("p", { className: "rubricate-practice__order", text: "Your order: —" });
    function currentOrder() {
      var positions = selects.map(function (s) { return s.select.value; });
      if (positions.some(function (p) { return p === ""; })) return { error: "Give every response a position." };
      var unique = positions.filter(function (p, i) { return positions.indexOf(p) === i; });
      if (unique.length !== positions.length) return { error: "Use each position once." };
      var sorted = selects.slice().sort(function (a, b) {
        return Number(a.select.value) - Number(b.select.value);
      });
      return { value: sorted.map(function (s) { return s.value; }) };
    }
    function update() {
      var result = currentOrder();
      order.textContent = result.value
        ? "Your order: " + result.value.join(" > ")
        : "Your order: — (" + result.error + ")";
    }
    field.options.forEach(function (option) {
      var id = nextId("rank");
      var select = el("select", { id: id });
      select.appendChild(el("option", { value: "", text: "—" }));
      for (var p = 1; p <= count; p += 1) {
        select.appendChild(el("option", { value: String(p), text: String(p) }));
      }
      select.addEventListener("change", update);
      selects.push({ select: select, value: option.value });
      rows.appendChild(el("div", { className: "rubricate-practice__rank-row" }, [
        el("label", { for: id, text: "Position of " + option.label }), select,
      ]));
    });
    var fieldset = el("fieldset", { className: "rubricate-practice__field" }, [
      el("legend", { text: field.label }), help ? help.node : null, rows, order, verdict,
    ]);
    return {
      node: fieldset, verdict: verdict,
      read: function () { var r = currentOrder(); return r.value; },
      error: function () { var r = currentOrder(); return r.error || null; },
    };
  }

  function buildNumber(field) {
    var help = helpNode(field);
    var id = nextId("num");
    var verdict = el("p", { className: "rubricate-practice__verdict", hidden: true });
    var input = el("input", { type: "number", id: id, inputmode: "decimal",
      step: field.step === undefined ? "any" : field.step,
      min: field.min === null ? null : field.min, max: field.max === null ? null : field.max,
      "aria-describedby": help ? help.id : null });
    var wrap = el("div", { className: "rubricate-practice__field" }, [
      el("label", { for: id, className: "rubricate-practice__field-label", text: field.label }),
      help ? help.node : null, input, verdict,
    ]);
    return {
      node: wrap, verdict: verdict,
      read: function () {
        if (input.value.trim() === "") return undefined;
        var number = Number(input.value);
        return isNaN(number) ? undefined : number;
      },
    };
  }

  function buildText(field) {
    var help = helpNode(field);
    var id = nextId("txt");
    var verdict = el("div", { className: "rubricate-practice__verdict", hidden: true });
    var area = el("textarea", { id: id, rows: 4, "aria-describedby": help ? help.id : null });
    var wrap = el("div", { className: "rubricate-practice__field" }, [
      el("label", { for: id, className: "rubricate-practice__field-label", text: field.label + " (not scored)" }),
      help ? help.node : null, area, verdict,
    ]);
    return { node: wrap, verdict: verdict, read: function () { return area.value; } };
  }

  var BUILDERS = { choice: buildChoice, multi: buildMulti, rank: buildRank, number: buildNumber,
    text: buildText };

  // -- grading ------------------------------------------------------------------------------

  function sameSet(a, b) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    var left = a.map(canon).sort();
    var right = b.map(canon).sort();
    return left.every(function (v, i) { return v === right[i]; });
  }

  function isRight(field, answer) {
    if (answer === undefined) return false;
    if (field.kind === "multi") return sameSet(answer, field.gold || []);
    if (field.kind === "number") {
      if (field.gold === null) return answer === null;
      return Math.abs(Number(answer) - Number(field.gold)) <= 1e-6;
    }
    return canon(answer) === canon(field.gold);
  }

  function goldText(field) {
    var gold = field.gold;
    if (field.kind === "multi") {
      return gold && gold.length ? gold.map(function (v) { return optionLabel(field, v); }).join(", ")
        : "none";
    }
    if (field.kind === "rank") return (gold || []).join(" > ");
    if (field.kind === "choice") return optionLabel(field, gold);
    return String(gold);
  }

  // -- one question -------------------------------------------------------------------------

  function buildQuestion(question, index, mount, scoreboard) {
    var controls = [];
    var form = el("form", { className: "rubricate-practice__form", novalidate: true,
      "aria-label": "Your answer to example " + (index + 1) });
    (question.groups || []).forEach(function (group) {
      var fieldset = el("fieldset", { className: "rubricate-practice__group" }, [
        el("legend", { text: group.legend }),
      ]);
      if (group.context && group.context.length) {
        var context = el("dl", { className: "rubricate-practice__context" });
        group.context.forEach(function (row) {
          context.appendChild(el("dt", { text: row[0] }));
          context.appendChild(el("dd", { text: row[1] }));
        });
        fieldset.appendChild(context);
      }
      group.fields.forEach(function (field) {
        var builder = BUILDERS[field.kind];
        if (!builder) return;
        var control = builder(field);
        control.field = field;
        controls.push(control);
        fieldset.appendChild(control.node);
      });
      form.appendChild(fieldset);
    });

    var button = el("button", { type: "submit", className: "md-button md-button--primary",
      text: "Check answer" });
    form.appendChild(el("div", { className: "rubricate-practice__actions" }, [button]));

    var status = el("p", { className: "rubricate-practice__status", role: "status",
      "aria-live": "polite" });
    var details = el("div", { className: "rubricate-practice__details", hidden: true });
    var feedback = el("div", { className: "rubricate-practice__feedback" }, [status, details]);
    var explanation = document.querySelector('[data-practice-explanation="' + index + '"]');

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var graded = 0;
      var right = 0;
      var problems = [];
      controls.forEach(function (control) {
        var field = control.field;
        var answer = control.read();
        var verdict = control.verdict;
        verdict.hidden = false;
        verdict.textContent = "";
        control.node.classList.remove("is-right", "is-wrong");
        if (field.kind === "text") {
          verdict.appendChild(el("div", { className: "rubricate-practice__label", text: "Gold" }));
          verdict.appendChild(el("div", { className: "rubricate-practice__text", text: String(field.gold) }));
          return;
        }
        graded += 1;
        if (control.error && control.error()) problems.push(control.error());
        var ok = isRight(field, answer);
        if (ok) right += 1;
        control.node.classList.add(ok ? "is-right" : "is-wrong");
        verdict.textContent = ok
          ? "✓ Right: " + goldText(field)
          : (answer === undefined ? "✗ No answer. " : "✗ Wrong. ") + "Gold: " + goldText(field);
      });
      var correct = graded > 0 && right === graded;
      var first = scoreboard.record(question.id, correct);
      var summary = correct
        ? "Correct: all " + graded + " answers match the gold label."
        : "Not quite: " + right + " of " + graded + " answers match the gold label. " +
          "The gold label and the explanation are below.";
      if (problems.length) summary += " " + problems.join(" ");
      summary += " Score: " + scoreboard.text() + " correct" +
        (first ? "." : " (the score counts your first check of each example).");
      status.textContent = summary;
      status.className = "rubricate-practice__status " + (correct ? "is-right" : "is-wrong");

      details.textContent = "";
      details.hidden = false;
      if (question.tags && question.tags.length) {
        details.appendChild(el("p", { className: "rubricate-practice__tags",
          text: "Tags: " + question.tags.map(humanize).join(", ") }));
      }
      if (explanation) {
        explanation.hidden = false;
        details.appendChild(el("div", { className: "rubricate-practice__label", text: "Explanation" }));
        details.appendChild(explanation);
      }
      details.appendChild(jsonBlock("Gold label", question.gold));
    });

    mount.appendChild(renderItem(question.item || {}));
    mount.appendChild(form);
    mount.appendChild(feedback);
  }

  // -- page ---------------------------------------------------------------------------------

  function init() {
    var script = document.getElementById(DATA_ID);
    var root = document.getElementById("rubricate-practice");
    if (!script || !root || root.getAttribute("data-ready")) return;
    var data;
    try {
      data = JSON.parse(script.textContent);
    } catch (err) {
      root.appendChild(el("p", { text: "The practice data of this page could not be read." }));
      return;
    }
    root.setAttribute("data-ready", "1");
    var store = makeStore("rubricate-practice:" + data.rubric.id);
    var scoreValue = el("strong", { className: "rubricate-practice__score-value" });
    var scoreboard = {
      state: function () {
        var state = store.read();
        return state && typeof state === "object" && state.results ? state : { results: {} };
      },
      record: function (id, correct) {
        var state = this.state();
        var first = !(id in state.results);
        if (first) state.results[id] = correct;
        store.write(state);
        this.render();
        return first;
      },
      text: function () {
        var results = this.state().results;
        var keys = Object.keys(results);
        var right = keys.filter(function (k) { return results[k] === true; }).length;
        return right + " / " + keys.length;
      },
      render: function () { scoreValue.textContent = this.text(); },
    };
    var reset = el("button", { type: "button", className: "md-button rubricate-practice__reset",
      text: "Reset score" });
    reset.addEventListener("click", function () {
      store.write({ results: {} });
      scoreboard.render();
    });
    root.appendChild(el("div", { className: "rubricate-practice__score" }, [
      el("span", { text: "Score: " }), scoreValue, el("span", { text: " correct" }), reset,
    ]));
    scoreboard.render();

    (data.questions || []).forEach(function (question, index) {
      var mount = document.querySelector('[data-practice-q="' + index + '"]');
      if (mount) buildQuestion(question, index, mount, scoreboard);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
