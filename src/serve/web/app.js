// jixiao serve: the page. Plain JavaScript, no libraries, nothing loaded from elsewhere.
// The server keeps nothing: the page holds the dropped files and sends them again for
// downloads and comparisons.
"use strict";

const $ = (id) => document.getElementById(id);
const entries = []; // {file: File, name, state: "working"|"ok"|"failed", result, message}
let current = null; // the entry shown in 查看
const PARALLEL = 3;

// ---------- tabs ----------
const TABS = ["intake", "view", "diff", "template"];
function showTab(name) {
  for (const t of TABS) {
    const on = t === name;
    $("tab-" + t).setAttribute("aria-selected", on ? "true" : "false");
    $("tab-" + t).tabIndex = on ? 0 : -1;
    $(t).hidden = !on;
  }
  if (name === "diff") fillDiffPicks();
}
for (const t of TABS) $("tab-" + t).addEventListener("click", () => showTab(t));
document.querySelector("nav").addEventListener("keydown", (e) => {
  const i = TABS.findIndex((t) => $("tab-" + t).getAttribute("aria-selected") === "true");
  let j = null;
  if (e.key === "ArrowRight") j = (i + 1) % TABS.length;
  if (e.key === "ArrowLeft") j = (i + TABS.length - 1) % TABS.length;
  if (j !== null) { showTab(TABS[j]); $("tab-" + TABS[j]).focus(); e.preventDefault(); }
});

// ---------- helpers ----------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}
function toast(message) {
  const t = $("toast");
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 8000);
}
async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && body.error && body.error.message) return body.error.message;
  } catch (_) { /* not JSON */ }
  return "服务返回错误 " + response.status;
}
function fileNameFrom(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) { try { return decodeURIComponent(star[1]); } catch (_) { /* keep fallback */ } }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
// The page is in Chinese: the API's messages it shows are asked for in Chinese too, whatever
// language the browser prefers.
const CHINESE = { "Accept-Language": "zh-CN" };
// POSTs `body` and saves the answer as a file; errors are shown, not thrown.
async function postAndSave(url, body, fallbackName, headers) {
  try {
    const response = await fetch(url, { method: "POST", body, headers: { ...CHINESE, ...(headers || {}) } });
    if (!response.ok) { toast(await errorMessage(response)); return false; }
    saveBlob(await response.blob(), fileNameFrom(response, fallbackName));
    return true;
  } catch (e) {
    toast("无法连接 jixiao serve：" + e.message);
    return false;
  }
}
function formWith(fields) {
  const data = new FormData();
  for (const [name, file] of fields) data.append(name, file, file.name);
  return data;
}
function stem(name) { return name.replace(/\.[^.]*$/, "") || "form"; }

// ---------- 收件 intake ----------
const dropzone = $("dropzone");
dropzone.addEventListener("dragover", (e) => { e.preventDefault(); dropzone.classList.add("over"); });
dropzone.addEventListener("dragleave", () => dropzone.classList.remove("over"));
dropzone.addEventListener("drop", async (e) => {
  e.preventDefault();
  dropzone.classList.remove("over");
  const items = [...(e.dataTransfer.items || [])];
  const entriesApi = items.map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (entriesApi.length) {
    const files = [];
    for (const entry of entriesApi) await collect(entry, files);
    addFiles(files);
  } else {
    addFiles([...e.dataTransfer.files]);
  }
});
dropzone.addEventListener("keydown", (e) => {
  if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("pick-files").click(); }
});
// A dropped folder: every file inside, recursively.
function collect(entry, out) {
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((f) => { out.push(f); resolve(); }, () => resolve());
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const batch = () => reader.readEntries(async (list) => {
        if (!list.length) { resolve(); return; }
        for (const child of list) await collect(child, out);
        batch();
      }, () => resolve());
      batch();
    } else resolve();
  });
}
for (const id of ["pick-files", "pick-folder"]) {
  $(id).addEventListener("change", (e) => { addFiles([...e.target.files]); e.target.value = ""; });
}
const SUBMISSION = /\.(xlsx|xlsm|xls|ods|xlsb|json)$/i;
async function addFiles(files) {
  // A .zip of submissions is opened here; its members are listed like dropped files.
  const expanded = [];
  const broken = [];
  for (const f of files) {
    if (!/\.zip$/i.test(f.name)) { expanded.push({ file: f, name: f.webkitRelativePath || f.name }); continue; }
    try {
      for (const m of await unzip(f)) expanded.push({ file: m.file, name: `${f.name}/${m.path}` });
    } catch (e) {
      broken.push({ file: f, name: f.name, state: "failed", message: `「${f.name}」无法解压：${e.message}` });
    }
  }
  // From a folder or a zip, only what can be a submission (skip desktop.ini, ~$lock files …).
  const wanted = expanded.filter((x) => SUBMISSION.test(x.file.name) && !x.file.name.startsWith("~$"));
  if (files.length > 0 && wanted.length === 0 && broken.length === 0) toast("没有可读取的表格文件（xlsx、xls、ods、json 或它们的 zip）");
  entries.push(...broken);
  const added = wanted.map((x) => {
    const entry = { file: x.file, name: x.name, state: "working" };
    entries.push(entry);
    return entry;
  });
  renderIntake();
  if (added.length) processAll(added);
}

// ---------- zip archives, read in the page ----------
const ZIP_MAX_ENTRIES = 5000;
const ZIP_MAX_BYTES = 512 * 1024 * 1024;
// Reads at most `limit` bytes from a stream: a member that inflates past its declared size is refused.
async function readLimited(stream, limit) {
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) { await reader.cancel(); throw new Error("成员解压后超过它声明的大小"); }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}
async function unzip(file) {
  const buf = new Uint8Array(await file.arrayBuffer());
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (at) => view.getUint16(at, true);
  const u32 = (at) => view.getUint32(at, true);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (u32(i) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error("不是 zip 文件");
  if (u32(end + 16) === 0xffffffff) throw new Error("不支持 zip64");
  const count = u16(end + 10);
  if (count > ZIP_MAX_ENTRIES) throw new Error(`成员太多（${count} 个）`);
  let p = u32(end + 16);
  let total = 0;
  const members = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || u32(p) !== 0x02014b50) throw new Error("目录已损坏");
    const utf8 = (u16(p + 8) & 0x800) !== 0;
    const method = u16(p + 10);
    const packed = u32(p + 20);
    const size = u32(p + 24);
    const nameLength = u16(p + 28);
    const local = u32(p + 42);
    // Names not marked UTF-8 come from Chinese Windows, in GBK.
    const path = new TextDecoder(utf8 ? "utf-8" : "gbk").decode(buf.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + u16(p + 30) + u16(p + 32);
    const base = path.split("/").pop();
    if (path.endsWith("/") || !SUBMISSION.test(base) || base.startsWith("~$") || path.startsWith("__MACOSX/")) continue;
    total += size;
    if (total > ZIP_MAX_BYTES) throw new Error("解压后超过 512 MiB");
    if (local + 30 > buf.length || u32(local) !== 0x04034b50) throw new Error(`成员 ${path} 已损坏`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const data = buf.subarray(start, start + packed);
    let bytes;
    if (method === 0) bytes = data;
    else if (method === 8) bytes = await readLimited(new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw")), size);
    else throw new Error(`成员 ${path} 用了不支持的压缩方式 ${method}`);
    members.push({ path, file: new File([bytes], base) });
  }
  return members;
}
async function processAll(list) {
  let done = 0;
  const box = $("progress-box");
  const update = () => {
    $("progress").max = list.length;
    $("progress").value = done;
    $("progress-text").textContent = `正在处理 ${done} / ${list.length}`;
  };
  box.hidden = false;
  update();
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const entry = list[next++];
      await inspect(entry);
      done++;
      update();
      renderIntake();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, list.length) }, worker));
  $("progress-text").textContent = `已处理 ${list.length} 个文件`;
  setTimeout(() => { if (entries.every((e) => e.state !== "working")) box.hidden = true; }, 1500);
}
async function inspect(entry) {
  try {
    const response = await fetch("/api/inspect", { method: "POST", headers: CHINESE, body: formWith([["file", entry.file]]) });
    if (response.ok) {
      const forms = (await response.json()).forms;
      entry.result = forms[0];
      entry.state = "ok";
      // A workbook of several forms: one row each, after this one.
      const at = entries.indexOf(entry);
      const more = forms.slice(1).map((result, i) => ({
        file: entry.file, name: `${entry.name}（第 ${i + 2} 份）`, state: "ok", result, part: true,
      }));
      if (more.length) {
        entry.name = `${entry.name}（第 1 份）`;
        entry.part = true;
        entries.splice(at + 1, 0, ...more);
      }
    } else {
      entry.state = "failed";
      entry.message = await errorMessage(response);
    }
  } catch (e) {
    entry.state = "failed";
    entry.message = "无法连接 jixiao serve：" + e.message;
  }
}
function statusCell(entry) {
  if (entry.state === "working") return el("td", { class: "status-working", text: "处理中…" });
  if (entry.state === "failed") return el("td", { class: "status-failed", text: "失败：" + entry.message });
  const r = entry.result;
  if (!r.checked) return el("td", { class: "status-working", text: "已读取（此类表暂无检查）" });
  if (r.errors > 0) return el("td", { class: "status-errors", text: `有 ${r.errors} 个错误` });
  return el("td", { class: "status-ok", text: r.warnings > 0 ? "通过（有警告）" : "通过" });
}
function renderIntake() {
  const body = document.querySelector("#intake-table tbody");
  body.replaceChildren();
  entries.forEach((entry, i) => {
    const r = entry.result;
    const ok = entry.state === "ok";
    const actions = el("td", { class: "actions" });
    if (ok) {
      actions.append(
        el("button", { text: "查看", "aria-label": "查看 " + entry.name, onclick: () => openView(i) }),
        el("button", { text: "规范表", "aria-label": "下载规范表 " + entry.name, onclick: () => downloadXlsx(entry) }),
        el("button", { text: "JSON", "aria-label": "下载 JSON " + entry.name, onclick: () => downloadJson(entry) }),
        el("button", { text: "系统表", "aria-label": "下载系统表 " + entry.name, onclick: () => downloadSystem(entry) }),
      );
    }
    const score = ok && r.score !== null ? `${r.score}${r.grade ? " / " + r.grade : ""}` : "—";
    body.append(el("tr", { class: entry.state, "data-index": String(i) },
      el("td", { text: entry.name }),
      el("td", { text: ok ? r.kind : "—" }),
      el("td", { text: ok ? (r.subject || "（未填）") : "—" }),
      el("td", { class: "num", text: ok ? String(r.errors) : "—" }),
      el("td", { class: "num", text: ok ? String(r.warnings) : "—" }),
      el("td", { text: score }),
      statusCell(entry),
      actions));
  });
  $("intake-empty").hidden = entries.length > 0;
  $("clear").disabled = entries.length === 0;
  $("bundle").disabled = !entries.some((e) => e.state === "ok");
  const failed = entries.filter((e) => e.state === "failed").length;
  const withErrors = entries.filter((e) => e.state === "ok" && e.result.errors > 0).length;
  $("intake-summary").textContent = entries.length
    ? `共 ${entries.length} 个文件：读取失败 ${failed}，有错误 ${withErrors}` : "";
}
$("clear").addEventListener("click", () => { entries.length = 0; current = null; renderIntake(); });
$("bundle").addEventListener("click", async () => {
  const ok = entries.filter((e) => e.state === "ok");
  $("bundle").disabled = true;
  await postAndSave("/api/bundle", formWith(ok.map((e) => ["file", e.file])), "jixiao-转换结果.zip");
  $("bundle").disabled = false;
});
function downloadXlsx(entry) {
  return postAndSave("/api/convert", formWith([["file", entry.file]]), stem(entry.file.name) + "-canonical.xlsx");
}
function downloadSystem(entry) {
  return postAndSave("/api/convert?layout=system", formWith([["file", entry.file]]), stem(entry.file.name) + "-系统表.xlsx");
}
function downloadJson(entry) {
  const text = JSON.stringify(entry.result.document, null, 2) + "\n";
  saveBlob(new Blob([text], { type: "application/json" }), stem(entry.file.name) + ".json");
}

// ---------- 查看 view ----------
function openView(i) {
  current = entries[i];
  renderView();
  showTab("view");
  $("sheet-box").focus();
}
$("view-xlsx").addEventListener("click", () => current && downloadXlsx(current));
$("view-json").addEventListener("click", () => current && downloadJson(current));
$("view-system").addEventListener("click", () => current && downloadSystem(current));
function overlaps(area, r, c, rs, cs) {
  return r <= area[2] && r + rs - 1 >= area[0] && c <= area[3] && c + cs - 1 >= area[1];
}
const OPS = { ">=": "不少于", ">": "多于", "=": "等于", "<": "少于", "<=": "不超过", "~": "约" };
const DIRECTIONS = { increase: "提高", decrease: "降低", maintain: "保持" };
const DATE_OPS = { "<=": "不晚于", "<": "早于", "=": "于", ">=": "不早于", ">": "晚于", "~": "约于" };
// An indicator value's structured reading, in words.
function describeReading(value) {
  if (!value || typeof value !== "object") return "";
  let words;
  switch (value.kind) {
    case "comparison":
      words = `数量：${OPS[value.op] || value.op} ${value.value}${value.unit ? " " + value.unit : ""}`;
      if (value.scaled) words += `（即 ${value.scaled.value} ${value.scaled.unit}）`;
      if (value.reference) words += `，参照：${value.reference}`;
      break;
    case "range": words = `区间：${value.min} 至 ${value.max}${value.unit ? " " + value.unit : ""}`; break;
    case "deadline": words = `时限：${DATE_OPS[value.op] || value.op} ${value.date}${value.year_unknown ? "（年份未写）" : ""}`; break;
    case "period": words = `期间：${value.start} 至 ${value.end}`; break;
    case "qualitative": {
      words = "定性";
      if (value.direction) words += `，方向：${DIRECTIONS[String(value.direction).toLowerCase()] || value.direction}`;
      if (value.targets && value.targets.length) words += `，目标：${JSON.stringify(value.targets)}`;
      break;
    }
    case "not_applicable": words = "不适用"; break;
    case "empty": words = "（空）"; break;
    default: words = JSON.stringify(value);
  }
  if (value.note) words += `；备注：${value.note}`;
  return words;
}
function renderView() {
  const r = current.result;
  $("view-title").textContent = `${current.name} — ${r.kind} — ${r.subject || "（未填部门名称）"}`;
  $("view-xlsx").disabled = false;
  $("view-json").disabled = false;
  $("view-system").disabled = false;
  const box = $("sheet-box");
  box.replaceChildren();
  const v = r.view;
  const diags = r.diagnostics;
  if (!v) {
    box.append(el("p", { class: "muted", text: "这份表没有可画出的表格；检查结果见右侧。" }));
  } else {
    if (r.drawn_canonical) box.append(el("p", { class: "muted note", text: "这份文件是 JSON，按规范格式画出；单元格位置是规范表中的位置。" }));
    const table = el("table", { class: "sheet", id: "sheet" });
    const head = el("tr", {}, el("th", { class: "rowhead", text: "" }));
    for (const name of v.columns) head.append(el("th", { text: name }));
    table.append(el("thead", {}, head));
    const tbody = el("tbody");
    const rows = new Map();
    for (const [row, col, rs, cs, text] of v.cells) {
      if (!rows.has(row)) rows.set(row, []);
      rows.get(row).push([col, rs, cs, text]);
    }
    for (let row = v.first_row; row < v.first_row + v.rows; row++) {
      const tr = el("tr", {}, el("th", { class: "rowhead", text: String(row + 1) }));
      for (const [col, rs, cs, text] of rows.get(row) || []) {
        const td = el("td", { "data-r": String(row), "data-c": String(col), text });
        if (rs > 1) td.rowSpan = rs;
        if (cs > 1) td.colSpan = cs;
        const notes = [];
        let strong = null;
        let area = null;
        for (const d of diags) {
          if (!d.area || !overlaps(d.area, row, col, rs, cs)) continue;
          const anchor = d.area[0] === d.area[2] && d.area[1] === d.area[3];
          const first = row <= d.area[0] && d.area[0] <= row + rs - 1 && col <= d.area[1] && d.area[1] <= col + cs - 1;
          // A finding about one cell marks it; one about a range tints the range and marks its first cell.
          if (anchor || first) strong = strong === "error" ? "error" : d.severity;
          else area = area === "error" ? "error" : d.severity;
          notes.push(`${severityWord(d.severity)}：${d.message}`);
        }
        if (strong) td.classList.add("diag-" + strong);
        else if (area) td.classList.add("area-" + area);
        for (const reading of r.readings) {
          if (overlaps(reading.area, row, col, rs, cs) && reading.area[0] === row && reading.area[1] === col) {
            td.classList.add("reading");
            notes.push("结构化读取：" + describeReading(reading.value));
          }
        }
        if (notes.length) td.title = notes.join("\n");
        if (strong) td.tabIndex = 0;
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(tbody);
    box.append(table);
    if (v.truncated) box.append(el("p", { class: "muted", text: "表格过大，只画出了前面的部分。" }));
  }
  const list = $("diag-list");
  list.replaceChildren();
  const errors = diags.filter((d) => d.severity === "error").length;
  const infos = diags.filter((d) => d.severity === "info").length;
  $("diag-summary").textContent = diags.length
    ? `${errors} 个错误，${diags.length - errors - infos} 个警告` + (infos ? `，${infos} 个提示` : "")
    : "没有发现问题。";
  for (const d of diags) {
    const li = el("li", { class: d.severity, tabindex: "0" },
      el("span", { class: "sev", text: severityWord(d.severity) }),
      d.cell ? el("span", { class: "cell", text: d.cell }) : null,
      el("span", { text: d.message }),
      d.hint ? el("span", { class: "hint", text: d.hint }) : null);
    const go = () => focusCell(d.area);
    li.addEventListener("click", go);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
    list.append(li);
  }
}
function focusCell(area) {
  if (!area) return;
  for (const td of document.querySelectorAll("#sheet td")) {
    const r = +td.dataset.r, c = +td.dataset.c;
    if (overlaps([area[0], area[1], area[0], area[1]], r, c, td.rowSpan, td.colSpan)) {
      td.scrollIntoView({ block: "center", inline: "center" });
      td.classList.add("flash");
      setTimeout(() => td.classList.remove("flash"), 1500);
      td.tabIndex = 0;
      td.focus();
      return;
    }
  }
}

// ---------- 比较 diff ----------
function fillDiffPicks() {
  for (const [id, preferred] of [["diff-old-pick", 0], ["diff-new-pick", 1]]) {
    const select = $(id);
    const keep = select.value;
    select.replaceChildren(el("option", { value: "", text: "（另选文件）" }));
    entries.forEach((e, i) => { if (e.state === "ok") select.append(el("option", { value: String(i), text: e.name })); });
    if (keep && select.querySelector(`option[value="${keep}"]`)) select.value = keep;
    else {
      const ok = entries.map((e, i) => (e.state === "ok" ? i : -1)).filter((i) => i >= 0);
      if (ok.length >= 2) select.value = String(ok[preferred]);
    }
  }
}
function chosen(pickId, fileId) {
  const input = $(fileId);
  if (input.files.length) return input.files[0];
  const v = $(pickId).value;
  return v === "" ? null : entries[+v].file;
}
const KIND = {
  added: ["+", "新增"], removed: ["-", "删除"], changed: ["~", "修改"],
  moved: [">", "移动"], renamed: ["%", "改名"], notation: ["=", "仅记法不同"],
};
$("diff-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const old = chosen("diff-old-pick", "diff-old-file");
  const neu = chosen("diff-new-pick", "diff-new-file");
  if (!old || !neu) { toast("请选择旧版和新版两个文件"); return; }
  $("diff-status").textContent = "正在比较…";
  try {
    const response = await fetch("/api/diff", { method: "POST", headers: CHINESE, body: formWith([["old", old], ["new", neu]]) });
    if (!response.ok) { $("diff-status").textContent = ""; toast(await errorMessage(response)); return; }
    renderDiff((await response.json()).changes, old.name, neu.name);
    $("diff-status").textContent = "";
  } catch (err) {
    $("diff-status").textContent = "";
    toast("无法连接 jixiao serve：" + err.message);
  }
});
function renderDiff(changes, oldName, newName) {
  const body = document.querySelector("#diff-table tbody");
  body.replaceChildren();
  const counts = {};
  for (const c of changes) {
    counts[c.change] = (counts[c.change] || 0) + 1;
    const [mark, word] = KIND[c.change] || ["?", c.change];
    const value = (text, cell, highlight) => {
      const td = el("td");
      if (text !== null && text !== undefined) td.append(highlight ? el("mark", { text }) : text);
      if (cell) td.append(el("span", { class: "cellref", text: cell }));
      return td;
    };
    const changed = c.change === "changed" || c.change === "renamed";
    body.append(el("tr", { class: c.change },
      el("td", { text: `${mark} ${word}` }),
      el("td", { text: c.label || c.path }),
      value(c.old, c.old_cell, changed || c.change === "removed"),
      value(c.new, c.new_cell, changed || c.change === "added")));
  }
  $("diff-table").hidden = changes.length === 0;
  const parts = Object.entries(KIND).map(([k, [, w]]) => `${w} ${counts[k] || 0}`);
  $("diff-summary").textContent = changes.length
    ? `${oldName} → ${newName}：共 ${changes.length} 处不同（${parts.join("，")}）`
    : `${oldName} 与 ${newName} 内容相同。`;
}

// ---------- 模板 template ----------
$("t-kind").addEventListener("change", () => {
  const prefill = $("t-kind").value === "self_evaluation";
  $("t-from-box").hidden = !prefill;
  for (const id of ["t-department", "t-year", "t-rows"]) $(id).disabled = prefill;
});
$("template-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if ($("t-kind").value === "self_evaluation") {
    const approved = $("t-from").files[0];
    if (!approved) { toast("请选择批复的绩效目标申报表"); return; }
    $("t-status").textContent = "正在生成…";
    const url = "/api/template/self-evaluation" + ($("t-protect").checked ? "?protect=true" : "");
    const ok = await postAndSave(url, formWith([["file", approved]]), stem(approved.name) + "-自评表.xlsx");
    $("t-status").textContent = ok ? "已下载。" : "";
    return;
  }
  const request = { kind: $("t-kind").value, protect: $("t-protect").checked };
  const department = $("t-department").value.trim();
  if (department) request.department = department;
  if ($("t-year").value) request.year = Number($("t-year").value);
  if ($("t-rows").value) request.rows = Number($("t-rows").value);
  $("t-status").textContent = "正在生成…";
  const ok = await postAndSave("/api/template", JSON.stringify(request), "空白申报表.xlsx",
    { "Content-Type": "application/json" });
  $("t-status").textContent = ok ? "已下载。" : "";
});

renderIntake();
showTab("intake");

// 错误 red, 警告 yellow, 提示 (a note, severity info) blue, as in the review sheet.
function severityWord(severity) {
  return severity === "error" ? "错误" : severity === "info" ? "提示" : "警告";
}
