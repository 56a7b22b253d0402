/*
 * Rubricate: a tiny Web Worker stand-in for pages opened from file://.
 *
 * Browsers refuse `new Worker(...)` for file:// URLs, which breaks Material's search when the
 * site is opened from disk. Material's offline plugin fixes that with the iframe-worker shim
 * from a CDN; this file does the same job locally (no network needed): the worker script runs
 * in a hidden same-origin iframe, and messages are passed between the two windows.
 * On http(s) pages it does nothing. The file name contains "iframe-worker" on purpose: the
 * offline plugin then does not add the CDN copy.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window === "undefined") {
    return;
  }

  function FileWorker(url) {
    var self = this;
    var listeners = [];
    var pending = [];
    var loaded = false;
    this.onmessage = null;
    this.onerror = null;

    var iframe = document.createElement("iframe");
    iframe.setAttribute("aria-hidden", "true");
    iframe.setAttribute("tabindex", "-1");
    iframe.style.display = "none";
    (document.body || document.documentElement).appendChild(iframe);
    var scope = iframe.contentWindow;

    function deliver(data) {
      var event = { data: data, target: self, type: "message" };
      if (typeof self.onmessage === "function") {
        self.onmessage(event);
      }
      listeners.slice().forEach(function (fn) { fn.call(self, event); });
    }

    // Inside the iframe, the worker's global postMessage talks back to this object.
    scope.postMessage = function (data) {
      setTimeout(function () { deliver(data); }, 0);
    };
    scope.importScripts = function () {
      throw new Error("importScripts is not available when the site is opened from disk");
    };

    function dispatch(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    var script = scope.document.createElement("script");
    script.src = new URL(url, document.baseURI).href;
    script.onload = function () {
      loaded = true;
      pending.splice(0).forEach(dispatch);
    };
    script.onerror = function (error) {
      if (typeof self.onerror === "function") { self.onerror(error); }
    };
    scope.document.head.appendChild(script);

    this.postMessage = function (data) {
      if (loaded) { dispatch(data); } else { pending.push(data); }
    };
    this.addEventListener = function (type, fn) {
      if (type === "message") { listeners.push(fn); }
    };
    this.removeEventListener = function (type, fn) {
      listeners = listeners.filter(function (other) { return other !== fn; });
    };
    this.terminate = function () { iframe.remove(); };
  }

  window.Worker = FileWorker;
})();
