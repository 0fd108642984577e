// The document page: select items (j/k, mouse), decide (a accept, x reject, e edit, u undo the
// latest, a row's Undo that row's latest; d done), edit or add items from text selections.
// Reads the page's JSON data block; every write is a POST to /api/decide (see common.js).
// Text is set with textContent only.
import { notice, post } from './common.js';

const data = JSON.parse(document.getElementById('doc-data').textContent);
const textBox = document.getElementById('text');
const rows = [...document.querySelectorAll('#items .item')];
const editor = document.getElementById('editor');
const undoKey = `stancegraph-undo:${data.source}`;
let cursor = -1;
let lastSelection = null; // {start, end, text} of the latest selection inside the text

// -- selecting and highlighting -----------------------------------------------------------

function actorsOf(item) {
  const c = item.current || {};
  if (item.kind === 'quote') return [c.speaker].filter(Boolean);
  if (item.kind === 'statement') return [c.actor].filter(Boolean);
  return [(c.source || {}).actor, (c.target || {}).actor].filter(Boolean);
}

function light(index, on) {
  for (const el of textBox.querySelectorAll(`[data-items~="${index}"]`)) el.classList.toggle('lit', on);
  for (const actor of actorsOf(data.items[index])) {
    for (const el of textBox.querySelectorAll(`[data-actors~="${CSS.escape(actor)}"]`)) {
      el.classList.toggle('lit-actor', on);
    }
  }
}

function select(index, { scroll = true } = {}) {
  if (!rows.length) return;
  index = Math.max(0, Math.min(rows.length - 1, index));
  if (cursor >= 0) { rows[cursor].classList.remove('selected'); light(cursor, false); }
  cursor = index;
  rows[cursor].classList.add('selected');
  light(cursor, true);
  history.replaceState(null, '', `#it-${cursor}`);
  if (scroll) {
    rows[cursor].scrollIntoView({ block: 'nearest' });
    const first = textBox.querySelector(`[data-items~="${cursor}"]`);
    if (first) first.scrollIntoView({ block: 'nearest' });
  }
}

for (const row of rows) {
  const index = Number(row.dataset.index);
  row.addEventListener('mouseenter', () => light(index, true));
  row.addEventListener('mouseleave', () => { if (index !== cursor) light(index, false); });
  row.addEventListener('click', (event) => {
    const act = event.target.closest('[data-act]');
    select(index, { scroll: !act });
    if (act && act.dataset.act === 'undo') undo(data.items[index].key); // this row's own decision
    else if (act) run(act.dataset.act);
  });
}
textBox.addEventListener('click', (event) => {
  const piece = event.target.closest('[data-items]');
  if (!piece || !piece.dataset.items || !window.getSelection().isCollapsed) return;
  select(Number(piece.dataset.items.split(' ')[0]));
});
textBox.addEventListener('mouseover', (event) => {
  const piece = event.target.closest('[data-items]');
  if (piece && piece.dataset.items) for (const i of piece.dataset.items.split(' ')) light(Number(i), true);
});
textBox.addEventListener('mouseout', (event) => {
  const piece = event.target.closest('[data-items]');
  if (piece && piece.dataset.items) {
    for (const i of piece.dataset.items.split(' ')) if (Number(i) !== cursor) light(Number(i), false);
  }
});

// Character offsets of the selection inside the text, counted as the server counts them (code
// points, not UTF-16 units: an emoji is one character). Each piece of the text is a span whose
// data-start is where it starts; a position inside it adds the code points before it.
function chars(text) { return Array.from(text).length; }

function pieceEnd(piece) { return Number(piece.dataset.start) + chars(piece.textContent); }

function offsetOf(node, offset) {
  if (node === textBox) {
    const pieces = textBox.children;
    if (offset < pieces.length) return Number(pieces[offset].dataset.start);
    return pieces.length ? pieceEnd(pieces[pieces.length - 1]) : 0;
  }
  const piece = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest('[data-start]');
  if (node.nodeType !== Node.TEXT_NODE) return offset === 0 ? Number(piece.dataset.start) : pieceEnd(piece);
  return Number(piece.dataset.start) + chars(node.data.slice(0, offset));
}

document.addEventListener('selectionchange', () => {
  const sel = window.getSelection();
  if (sel.isCollapsed || !sel.rangeCount) return;
  const range = sel.getRangeAt(0);
  if (!textBox.contains(range.startContainer) || !textBox.contains(range.endContainer)) return;
  const raw = range.toString();
  const trimmed = raw.trim();
  const start = offsetOf(range.startContainer, range.startOffset) + chars(raw) - chars(raw.trimStart());
  const end = offsetOf(range.endContainer, range.endOffset) - (chars(raw) - chars(raw.trimEnd()));
  if (end > start) lastSelection = { start, end, text: trimmed };
});

// -- deciding ---------------------------------------------------------------------------------

function undoStack() { return JSON.parse(sessionStorage.getItem(undoKey) || '[]'); }
function saveUndo(stack) { sessionStorage.setItem(undoKey, JSON.stringify(stack.slice(-50))); }

async function decide(index, action, value, { remember = true, reload = true } = {}) {
  const item = data.items[index];
  const key = action === 'add' ? `added:${value.kind}:new` : item.key;
  const kind = action === 'add' ? value.kind : item.kind;
  const body = { source: data.source, kind, item: key, action };
  if (action === 'edit' || action === 'add') body.value = value.fields;
  try {
    const answer = await post('/api/decide', body);
    if (remember) {
      const stack = undoStack();
      stack.push(action === 'add'
        ? { kind, item: answer.decision.item, previous: null, added: true }
        : { kind, item: key, previous: item.decision });
      saveUndo(stack);
    }
    if (reload) {
      const next = action === 'accept' || action === 'reject' ? Math.min(index + 1, rows.length - 1) : index;
      window.location.hash = `#it-${next < 0 ? 0 : next}`;
      window.location.reload();
    }
  } catch (err) {
    notice(err.message, { error: true });
  }
}

// Undo the tab's latest decision, or with a key the latest decision of that item.
async function undo(key = null) {
  const stack = undoStack();
  const at = key === null ? stack.length - 1 : stack.map((entry) => entry.item).lastIndexOf(key);
  if (at < 0) { notice(key === null ? 'Nothing to undo.' : 'Nothing to undo for this item in this tab.'); return; }
  const [last] = stack.splice(at, 1);
  const body = { source: data.source, kind: last.kind, item: last.item, action: 'clear' };
  if (last.added) body.action = 'reject';
  else if (last.previous && last.previous.action !== 'add') {
    body.action = last.previous.action;
    if (body.action === 'edit') body.value = last.previous.value;
  }
  try {
    await post('/api/decide', body);
    saveUndo(stack);
    window.location.reload();
  } catch (err) {
    notice(err.message, { error: true });
  }
}

async function toggleDone() {
  const action = data.state === 'done' ? 'reopen' : 'done';
  try {
    await post('/api/decide', { source: data.source, kind: 'document', item: 'document', action });
    window.location.reload();
  } catch (err) {
    notice(err.message, { error: true });
  }
}

function run(act) {
  if (act === 'undo') { undo(); return; }
  if (cursor < 0) { notice('Select an item first (j/k or click).'); return; }
  if (act === 'accept' || act === 'reject') decide(cursor, act);
  else if (act === 'edit') openEditor('edit', data.items[cursor].kind, data.items[cursor]);
}

// -- the edit form ------------------------------------------------------------------------------

let editing = null; // {mode: 'edit'|'add', kind, index, current, start, end, decision}

function field(name) { return editor.elements.namedItem(name); }

function fillActors(selectEl, chosen, mention) {
  selectEl.replaceChildren();
  const none = new Option('(nobody)', '');
  selectEl.append(none);
  for (const actor of data.actors) {
    const option = new Option(actor.name, actor.id);
    option.selected = actor.id === chosen;
    selectEl.append(option);
  }
  if (mention) {
    const option = new Option(`“${mention.name}” (${mention.start}–${mention.end})`, 'span');
    option.dataset.mention = JSON.stringify(mention);
    option.selected = true;
    selectEl.append(option);
  }
}

function mentionOf(selectEl, current) {
  const option = selectEl.selectedOptions[0];
  if (!option || !option.value) return null;
  if (option.value === 'span') return JSON.parse(option.dataset.mention);
  if (current && current.actor === option.value && current.start != null) return current;
  const actor = data.actors.find((a) => a.id === option.value);
  if (!actor || !actor.mentions.length) return null;
  const [start, end] = actor.mentions[0];
  return { start, end, name: actor.name };
}

function participant(part, nameKey) {
  if (!part || part.start == null) return null;
  return { actor: part.actor, start: part.start, end: part.end, name: part.text || nameKey || '' };
}

function openEditor(mode, kind, item) {
  const c = item ? item.current : {};
  editing = { mode, kind, index: cursor, current: c };
  editor.dataset.kind = kind;
  document.getElementById('editor-title').textContent = `${mode === 'add' ? 'Add' : 'Edit'} ${kind}`;
  const span = mode === 'add' ? lastSelection || { start: 0, end: 1 } : null;
  const start = span ? span.start : (kind === 'event' ? c.sentence_start : c.start);
  const end = span ? span.end : (kind === 'event' ? c.sentence_end : c.end);
  field('start').value = start;
  field('end').value = end;
  Object.assign(editing, { start, end, decision: item ? item.decision : null });
  document.querySelector('.who-label').textContent = kind === 'quote' ? 'Speaker' : 'Actor';
  if (kind === 'quote') {
    field('quote_type').value = c.type || 'indirect';
    const who = c.speaker_start != null
      ? { actor: c.speaker, start: c.speaker_start, end: c.speaker_end, name: c.speaker_name || c.speaker_text || '' }
      : null;
    editing.who = who;
    fillActors(field('who'), c.speaker || '', who && !c.speaker ? who : null);
  } else if (kind === 'statement') {
    field('concept').value = c.concept || '';
    field('agreement').value = c.agreement || 'support';
    const given = editing.decision && editing.decision.action === 'edit' ? editing.decision.value.actor : null;
    editing.who = given ? { actor: c.actor, start: given.start, end: given.end, name: given.name } : null;
    fillActors(field('who'), c.actor || '', null);
  } else {
    field('event_type').value = c.type || 'CONSULT';
    field('mode').value = c.plover_mode || '';
    editing.source = participant(c.source, c.source_name);
    editing.target = participant(c.target, c.target_name);
    fillActors(field('source'), (c.source || {}).actor || '', null);
    fillActors(field('target'), (c.target || {}).actor || '', null);
  }
  editor.hidden = false;
  (kind === 'quote' ? field('quote_type') : kind === 'statement' ? field('concept') : field('event_type')).focus();
}

function closeEditor() { editor.hidden = true; editing = null; }

// The span goes with an edit only when the coder changed it (or an earlier edit set it): an
// unchanged span keeps the item's pieces (a quote broken by "he said" stays two pieces).
function spanOf() {
  const start = Number(field('start').value);
  const end = Number(field('end').value);
  const earlier = editing.decision && editing.decision.action === 'edit' ? editing.decision.value : {};
  const changed = start !== editing.start || end !== editing.end || 'start' in earlier || 'end' in earlier;
  return editing.mode === 'add' || changed ? { start, end } : {};
}

function fieldsOf() {
  const kind = editing.kind;
  const fields = spanOf();
  if (kind === 'quote') {
    fields.type = field('quote_type').value;
    fields.speaker = strip(mentionOf(field('who'), editing.who));
  } else if (kind === 'statement') {
    fields.concept = field('concept').value.trim();
    const known = [...document.querySelectorAll('#concept-list option')].find((o) => o.value === fields.concept);
    fields.concept_label = known && known.textContent ? known.textContent : fields.concept;
    fields.agreement = field('agreement').value;
    // the actor goes with the edit when the coder changed it or an earlier edit pinned its span;
    // else the statement keeps its own (not re-pinned to the actor's first mention)
    if (editing.who || field('who').value !== (editing.current.actor || '')) {
      fields.actor = strip(mentionOf(field('who'), editing.who));
    }
  } else {
    fields.type = field('event_type').value;
    fields.mode = field('mode').value.trim() || null;
    fields.source = strip(mentionOf(field('source'), editing.source));
    fields.target = strip(mentionOf(field('target'), editing.target));
  }
  return fields;
}

function strip(mention) {
  return mention ? { start: mention.start, end: mention.end, name: mention.name } : null;
}

editor.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!editing) return;
  const fields = fieldsOf();
  if (editing.mode === 'add') decide(cursor < 0 ? 0 : cursor, 'add', { kind: editing.kind, fields });
  else decide(editing.index, 'edit', { fields });
});
document.getElementById('cancel').addEventListener('click', closeEditor);
document.getElementById('use-selection').addEventListener('click', () => {
  if (!lastSelection) { notice('Select some of the text first.'); return; }
  field('start').value = lastSelection.start;
  field('end').value = lastSelection.end;
});
document.getElementById('who-selection').addEventListener('click', () => {
  if (!lastSelection) { notice('Select the words that name the speaker first.'); return; }
  const mention = { start: lastSelection.start, end: lastSelection.end, name: lastSelection.text };
  fillActors(field('who'), '', mention);
});
for (const button of document.querySelectorAll('[data-add]')) {
  button.addEventListener('click', () => {
    if (!lastSelection) { notice('Select the words of the new item in the text first.'); return; }
    openEditor('add', button.dataset.add, null);
  });
}
document.getElementById('done').addEventListener('click', toggleDone);

// -- keyboard -----------------------------------------------------------------------------------

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target.closest('input, select, textarea');
  if (event.key === 'Escape' && editing) { closeEditor(); return; }
  if (typing) return;
  const keys = {
    j: () => select(cursor + 1),
    k: () => select(cursor - 1),
    a: () => run('accept'),
    x: () => run('reject'),
    e: () => run('edit'),
    u: () => run('undo'),
    d: () => toggleDone(),
  };
  const act = keys[event.key];
  if (act) { event.preventDefault(); act(); }
});

const start = /^#it-(\d+)$/.exec(window.location.hash);
if (rows.length) select(start ? Number(start[1]) : 0, { scroll: Boolean(start) });
document.body.dataset.ready = 'true'; // the page's handlers are in place (tests wait for it)
