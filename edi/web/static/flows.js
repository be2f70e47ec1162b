// Keeps the first page of the flows list current: polls the JSON API with the page's own
// filters and redraws the rows, so new flows appear without reloading. Text only
// (textContent), never HTML from the API.
(function () {
  "use strict";
  const table = document.getElementById("flows");
  if (!table) return;
  const api = table.dataset.api;
  const every = parseInt(table.dataset.poll || "0", 10);
  if (!api || !every) return;
  const body = table.tBodies[0];
  const total = document.getElementById("total");
  const shown = document.getElementById("shown");

  function when(iso) {
    return iso ? iso.replace("T", " ").replace(/\.\d+/, "").replace("Z", "") : "";
  }
  function cell(tr, text) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    tr.appendChild(td);
    return td;
  }
  function row(f, fresh) {
    const tr = document.createElement("tr");
    tr.dataset.flow = f.flow_id;
    if (fresh) tr.className = "new";
    cell(tr, when(f.received_at));
    const link = document.createElement("a");
    link.href = "/flows/" + encodeURIComponent(f.flow_id);
    link.textContent = f.flow_id;
    cell(tr, "").appendChild(link);
    cell(tr, f.file_name);
    cell(tr, f.format);
    cell(tr, f.supplier);
    cell(tr, f.buyer);
    cell(tr, f.accepted_count + "/" + f.invoice_count);
    const badge = document.createElement("span");
    badge.className = "badge s-" + f.status;
    badge.textContent = f.status;
    cell(tr, "").appendChild(badge);
    return tr;
  }
  async function poll() {
    try {
      const r = await fetch(api, {headers: {"Accept": "application/json"},
                                  credentials: "same-origin"});
      if (r.ok) {
        const data = await r.json();
        const known = new Set(Array.from(body.rows, (tr) => tr.dataset.flow));
        body.replaceChildren(...data.flows.map((f) => row(f, !known.has(f.flow_id))));
        if (total) total.textContent = data.total + (data.total_capped ? "+" : "");
        if (shown) shown.textContent = (data.flows.length ? 1 : 0) + "–" + data.flows.length;
        table.dataset.polled = String(Date.now());
      }
    } catch (e) {
      // the server may be restarting; the next poll tries again
    }
    setTimeout(poll, every);
  }
  setTimeout(poll, every);
})();
