/* aigov site: search in a site opened from a folder or a zip (file://). No dependencies, no network.
 *
 * Browsers refuse `new Worker(url)` for a page opened over file://, and the theme's search runs
 * in a worker. Over file:// only, this replaces `Worker` with one that runs the worker's script
 * in a hidden same-origin frame: the script's own `postMessage` answers the page, the page's
 * `postMessage` reaches the script's "message" listeners, and `importScripts` loads more
 * scripts in that frame (returning a promise, which the theme's search worker waits for).
 * Messages are structured-cloned each way, as a real worker's are. On a served site (http or
 * https) it does nothing. aigov's own, in place of the CDN copy the theme's offline plugin
 * would add; the name contains "iframe-worker" so that plugin knows a shim is present.
 */
(function () {
  "use strict";
  if (window.location.protocol !== "file:" || typeof window.EventTarget !== "function") return;

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      (doc.head || doc.documentElement).appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      var worker = this;
      var src = new URL(String(url), document.baseURI).href;
      this.onmessage = null;
      this.onerror = null;
      this._queue = [];
      this._ready = false;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.title = "search worker";
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      this._frame = frame;
      var scope = frame.contentWindow;
      var doc = frame.contentDocument;
      scope.postMessage = function (data) {
        var copy = window.structuredClone(data);
        window.setTimeout(function () { worker._emit(copy); }, 0);
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return loadScript(doc, new URL(next, src).href); });
        }, Promise.resolve());
      };
      loadScript(doc, src).then(
        function () {
          worker._ready = true;
          worker._queue.splice(0).forEach(function (data) { worker._deliver(data); });
        },
        function (error) {
          var event = new ErrorEvent("error", { message: error.message, error: error });
          if (typeof worker.onerror === "function") worker.onerror(event);
          worker.dispatchEvent(event);
        }
      );
    }

    postMessage(data) {
      if (this._ready) this._deliver(data);
      else this._queue.push(data);
    }

    terminate() {
      if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
      this._frame = null;
    }

    _deliver(data) {
      var frame = this._frame;
      if (!frame) return;
      var scope = frame.contentWindow;
      var copy = scope.structuredClone(data);
      window.setTimeout(function () {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: copy }));
      }, 0);
    }

    _emit(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof this.onmessage === "function") this.onmessage(event);
      this.dispatchEvent(event);
    }
  }

  window.Worker = FrameWorker;
})();
