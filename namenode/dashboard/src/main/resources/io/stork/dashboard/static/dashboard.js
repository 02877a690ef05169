// The Stork dashboard: one event stream from the name node (server-sent events), drawn into the page.
// Every text from the cluster goes in as textContent, never as HTML: artifact names are any text.
"use strict";

const view = { state: null, stateSeq: 0, eventSeq: 0, artifact: null, artifactLoading: false };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function size(bytes) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? bytes + " B" : (value < 10 ? value.toFixed(1) : Math.round(value)) + " " + units[unit];
}

function duration(seconds) {
  if (seconds == null) return "–";
  if (seconds < 1) return "< 1 s";
  if (seconds < 90) return Math.round(seconds) + " s";
  return Math.round(seconds / 60) + " min";
}

function clock(millis) {
  return new Date(millis).toLocaleTimeString([], { hour12: false });
}

// ---- the overview ----

function drawHeader(state) {
  const s = state.summary;
  const health = document.getElementById("health");
  let word = "healthy", kind = "healthy";
  if (s.unavailableChunks > 0) { word = s.unavailableChunks + " chunks unavailable"; kind = "unavailable"; }
  else if (!state.healing.healed) { word = "healing: " + s.underReplicatedChunks + " chunks short"; kind = "healing"; }
  health.textContent = word;
  health.dataset.state = kind;
  document.getElementById("totals").textContent = `${s.nodesUp} of ${s.nodesTotal} nodes up · ${s.artifacts} artifacts, `
    + `${size(s.bytes)} in ${s.chunks} chunks · replication ${s.replication} · ${s.uploadsInProgress} uploads in progress`;
}

function bar(percent, title) {
  const fill = el("span", {});
  fill.style.width = percent + "%";
  return el("span", { class: "bar", title: title }, fill);
}

function drawNodes(state) {
  document.querySelector("#nodes tbody").replaceChildren(...state.nodes.map(node => {
    const used = node.capacityBytes > 0 ? Math.min(100, 100 * node.usedBytes / node.capacityBytes) : 0;
    const word = node.state.toLowerCase();
    return el("tr", { class: word, "data-node": node.id, "data-state": word },
      el("td", {}, node.id),
      el("td", {}, el("span", { class: "state " + word }, word)),
      el("td", {}, node.zone || "–"),
      el("td", {}, node.capabilities.length ? node.capabilities.join(", ") : "–"),
      el("td", { class: "num" }, node.chunks),
      el("td", {}, bar(used, used.toFixed(1) + " %"), `${size(node.usedBytes)} of ${size(node.capacityBytes)}`));
  }));
}

function drawHealing(state) {
  const h = state.healing, s = state.summary;
  const wanted = s.chunks * s.replication;
  const done = wanted === 0 ? 100 : 100 * (wanted - missingReplicas(state)) / wanted;
  const figure = (value, label, id) => el("div", { class: "figure", "data-figure": id }, el("b", {}, value), el("span", {}, label));
  const progress = bar(done, done.toFixed(1) + " % of replicas in place");
  progress.className = "progress";
  document.getElementById("healing").replaceChildren(
    figure(h.chunksLeft, "chunks under-replicated", "left"),
    figure(size(h.bytesLeft), "bytes under-replicated", "bytes"),
    figure(h.unavailable, "chunks with no replica", "unavailable"),
    figure(h.copiesRunning, "copies running", "copies"),
    figure(h.chunksPerSecond.toFixed(1) + " /s", size(h.bytesPerSecond) + "/s restored", "rate"),
    figure(h.healed ? "healed" : duration(h.etaSeconds), h.healed ? "every chunk at " + s.replication + " replicas" : "to go at this rate",
      "eta"),
    progress);
}

function missingReplicas(state) {
  return state.placement.rows.reduce((sum, row) => sum + row.missing, 0);
}

function nodeHeader(node) {
  return el("th", { class: "node " + node.state.toLowerCase(), title: node.state.toLowerCase() }, node.id);
}

function drawPlacement(state) {
  const p = state.placement;
  const nodes = state.nodes;
  const table = document.getElementById("placement");
  table.dataset.missing = missingReplicas(state);
  table.tHead.replaceChildren(el("tr", {}, el("th", {}, "artifact"), el("th", { class: "num" }, "version"),
    el("th", { class: "num" }, "chunks"), ...nodes.map(nodeHeader), el("th", { class: "num" }, "missing")));
  const most = Math.max(1, ...p.rows.map(row => row.chunks));
  table.tBodies[0].replaceChildren(...p.rows.map(row => {
    const cells = nodes.map(node => {
      const count = row.replicas[node.id] || 0;
      const cell = el("td", { class: "cell", "data-node": node.id }, count || "");
      if (count) cell.style.background = `rgba(47, 95, 179, ${0.15 + 0.6 * count / most})`;
      return cell;
    });
    const link = el("a", { href: "#/artifact/" + encodeURIComponent(row.name) }, row.name);
    return el("tr", { class: row.missing > 0 ? "short" : "", "data-artifact": row.name, "data-missing": row.missing },
      el("td", {}, link), el("td", { class: "num" }, row.version), el("td", { class: "num" }, row.chunks), ...cells,
      el("td", { class: "missing" }, row.missing));
  }));
  document.getElementById("placement-note").textContent = p.more
    ? `(the first ${p.rows.length} of ${p.artifacts} artifacts, by name)` : `(${p.rows.length} artifacts)`;
}

function addEvent(event) {
  const log = document.getElementById("events");
  const e = event.event;
  log.prepend(el("li", { class: e.kind, "data-kind": e.kind }, el("time", {}, clock(e.atMillis)), e.message));
  while (log.children.length > 200) log.lastChild.remove();
}

// ---- one artifact's page ----

async function loadArtifact(name) {
  if (view.artifactLoading) return;
  view.artifactLoading = true;
  try {
    const answer = await fetch("/api/artifact?name=" + encodeURIComponent(name));
    const body = await answer.json();
    if (view.artifact !== name) return;
    document.getElementById("artifact-error").hidden = answer.ok;
    if (!answer.ok) {
      document.getElementById("artifact-error").textContent = body.error;
      document.querySelector("#chunks tbody") && document.querySelector("#chunks").tBodies[0].replaceChildren();
      return;
    }
    drawArtifact(body);
  } catch (failure) {
    document.getElementById("artifact-error").hidden = false;
    document.getElementById("artifact-error").textContent = "the dashboard could not ask: " + failure;
  } finally {
    view.artifactLoading = false;
  }
}

function drawArtifact(a) {
  const facts = [["version", a.version], ["size", size(a.size) + ` (${a.size} bytes) in ${a.chunks.length} chunks`],
    ["sha256", a.sha256], ["committed", new Date(a.committedAtMillis).toLocaleString()],
    ["replication", a.replication], ["requires", a.requiredCapabilities.length ? a.requiredCapabilities.join(", ") : "–"]];
  document.getElementById("artifact-facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const table = document.getElementById("chunks");
  table.dataset.missing = a.chunks.reduce((sum, c) => sum + c.missing, 0);
  table.tHead.replaceChildren(el("tr", {}, el("th", { class: "num" }, "#"), el("th", {}, "chunk"), el("th", { class: "num" }, "size"),
    ...a.nodes.map(nodeHeader), el("th", { class: "num" }, "missing")));
  table.tBodies[0].replaceChildren(...a.chunks.map(chunk => el("tr", { class: chunk.missing > 0 ? "short" : "" },
    el("td", { class: "num" }, chunk.index), el("td", { title: chunk.id }, chunk.id.slice(0, 12)),
    el("td", { class: "num" }, size(chunk.size)),
    ...a.nodes.map(node => el("td", { class: "cell" }, chunk.replicas.includes(node.id) ? el("span", { class: "replica" }, "●") : "")),
    el("td", { class: "missing" }, chunk.missing))));
  document.getElementById("artifact-delete").hidden = !(view.state && view.state.writable);
}

async function deleteArtifact() {
  const name = view.artifact;
  let token = sessionStorage.getItem("stork-token");
  if (!token) token = prompt("The endpoint's token (stork.http.token) to delete '" + name + "':");
  if (!token || !confirm("Delete '" + name + "'? Its chunks are collected in the background.")) return;
  const answer = await fetch("/api/artifact?name=" + encodeURIComponent(name), { method: "DELETE", headers: { Authorization: "Bearer " + token } });
  if (answer.ok) {
    sessionStorage.setItem("stork-token", token);
    location.hash = "#/";
  } else {
    if (answer.status === 401) sessionStorage.removeItem("stork-token");
    alert(await answer.text());
  }
}

// ---- routes and the stream ----

function route() {
  const match = location.hash.match(/^#\/artifact\/(.*)$/);
  view.artifact = match ? decodeURIComponent(match[1]) : null;
  document.getElementById("overview").hidden = view.artifact !== null;
  document.getElementById("artifact").hidden = view.artifact === null;
  if (view.artifact !== null) {
    document.getElementById("artifact-name").textContent = view.artifact;
    loadArtifact(view.artifact);
  }
}

function draw(state) {
  view.state = state;
  drawHeader(state);
  drawNodes(state);
  drawHealing(state);
  drawPlacement(state);
  if (view.artifact !== null) loadArtifact(view.artifact);
}

function connect() {
  const stream = new EventSource("/api/events");
  const live = document.getElementById("live");
  stream.onopen = () => { live.textContent = "● live"; live.className = "live on"; };
  stream.onerror = () => { live.textContent = "○ reconnecting…"; live.className = "live"; }; // EventSource retries by itself
  stream.addEventListener("state", message => {
    const state = JSON.parse(message.data);
    if (state.seq <= view.stateSeq) return; // seen already (a page that joins may get one twice)
    view.stateSeq = state.seq;
    draw(state);
  });
  stream.addEventListener("event", message => {
    const event = JSON.parse(message.data);
    if (event.seq <= view.eventSeq) return;
    view.eventSeq = event.seq;
    addEvent(event);
  });
}

window.addEventListener("hashchange", route);
document.getElementById("artifact-delete").addEventListener("click", deleteArtifact);
route();
connect();
