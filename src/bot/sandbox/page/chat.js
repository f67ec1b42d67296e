/* The sandbox chat page's script (plain browser JavaScript, inlined into the page; no build step).
 * Everything from the server is put on the page as text nodes (textContent), never as HTML, so a
 * message can never run script. Links are only made to this origin's media or to http(s) URLs. */
/* global document, window */
'use strict';

const POLL_MS = 700;
const state = { people: [], current: null, after: 0, gen: 0, timer: null, cards: new Map() };
const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`/sandbox/api/${path}`, init);
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error((data && data.error) || `请求失败（${res.status}）`);
  return data;
}

function setStatus(text) {
  $('status').textContent = text || '';
}

// ---- the person picker ----

async function loadPeople() {
  try {
    const data = await api('people');
    const box = $('people');
    box.replaceChildren();
    for (const group of data.groups) {
      const section = el('section', 'group');
      section.append(el('h2', '', `${group.label}（${group.people.length}）`));
      for (const p of group.people) {
        state.people.push(p);
        const b = el('button', 'person');
        b.type = 'button';
        b.dataset.personId = p.id;
        b.append(el('span', 'name', p.name), el('span', `tag tag-${p.channel}`, p.channel === 'kf' ? '微信' : '企业微信'));
        b.append(el('span', 'where', p.where));
        if (p.note) b.append(el('span', 'note', p.note));
        b.addEventListener('click', () => choose(p));
        section.append(b);
      }
      box.append(section);
    }
  } catch (e) {
    $('people').replaceChildren(el('p', 'hint', `名单载入失败：${e.message}`));
  }
}

function choose(p) {
  state.current = p;
  state.after = 0;
  state.gen += 1;
  state.cards.clear();
  clearTimeout(state.timer);
  for (const b of document.querySelectorAll('.person')) b.classList.toggle('active', b.dataset.personId === p.id);
  $('who-name').textContent = `${p.name}（${p.roleLabel}）`;
  $('who-where').textContent = `${p.channel === 'kf' ? '微信客服' : '企业微信 · 守望应用'} · ${p.where}`;
  $('enter').disabled = false;
  $('enter').textContent = p.channel === 'kf' ? '扫码进入' : '打开应用';
  $('input').disabled = false;
  $('send').disabled = false;
  $('messages').replaceChildren();
  const hints = $('hints');
  hints.replaceChildren();
  for (const h of p.hints || []) {
    const b = el('button', '', h);
    b.type = 'button';
    b.title = '填入输入框';
    b.addEventListener('click', () => {
      $('input').value = h;
      $('input').focus();
    });
    hints.append(b);
  }
  document.querySelector('.app').classList.add('chatting');
  setStatus('');
  $('input').focus();
  poll(state.gen);
}

// ---- receiving ----

async function poll(gen) {
  if (gen !== state.gen || !state.current) return;
  try {
    const q = new URLSearchParams({ person: state.current.id, after: String(state.after) });
    const data = await api(`messages?${q}`);
    if (gen !== state.gen) return;
    for (const item of data.items) {
      render(item);
      state.after = Math.max(state.after, item.id);
    }
  } catch (e) {
    if (gen === state.gen) setStatus(`接收消息失败：${e.message}`);
  }
  if (gen === state.gen) state.timer = setTimeout(() => poll(gen), POLL_MS);
}

function scrollDown() {
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
}

function row(side, bubble) {
  const r = el('div', `row ${side}`);
  r.append(bubble);
  $('messages').append(r);
  scrollDown();
  return r;
}

function via(bubble, item) {
  const label = { passive: '被动回复', api: '主动发送', welcome: '欢迎语' }[item.via];
  if (label) bubble.append(el('span', 'via', label));
}

function render(item) {
  if (item.side === 'system' || item.kind === 'enter') {
    const n = el('div', 'notice');
    n.append(el('span', '', item.kind === 'enter' ? `${state.current.name}${item.text}` : item.text));
    $('messages').append(n);
    scrollDown();
    return;
  }
  if (item.side === 'person') {
    if (item.kind === 'click') cardClicked(item.taskId, item.text);
    const said = { click: `点击了「${item.text}」`, choice: `选择了「${item.text}」` }[item.kind];
    row('person', el('div', said ? 'bubble action' : 'bubble', said || item.text));
    return;
  }
  const bubble = el('div', `bubble bot-${item.kind}`);
  bubble.dataset.kind = item.kind;
  if (item.kind === 'markdown') markdown(bubble, item.text);
  else if (item.kind === 'card' && item.card) card(bubble, item.card);
  else if (item.kind === 'card_update') return cardUpdated(item);
  else if (item.kind === 'menu' && item.menu) menu(bubble, item.menu);
  else if ((item.kind === 'file' || item.kind === 'image') && item.file) file(bubble, item);
  else bubble.textContent = item.text;
  via(bubble, item);
  row('bot', bubble);
}

/** WeCom's markdown subset: headings, > quotes, **bold**, `code`, [text](http…), <font color="info|comment|warning">. */
function markdown(bubble, text) {
  bubble.classList.add('md');
  const inline = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|<font color="(info|comment|warning)">(.*?)<\/font>/g;
  const fill = (parent, line) => {
    let last = 0;
    for (const m of line.matchAll(inline)) {
      parent.append(document.createTextNode(line.slice(last, m.index)));
      if (m[1] !== undefined) parent.append(el('strong', '', m[1]));
      else if (m[2] !== undefined) parent.append(el('code', '', m[2]));
      else if (m[3] !== undefined) {
        const a = el('a', '', m[3]);
        a.href = m[4];
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        parent.append(a);
      } else parent.append(el('span', m[5], m[6]));
      last = m.index + m[0].length;
    }
    parent.append(document.createTextNode(line.slice(last)));
  };
  // Headings and quotes are blocks; between two plain lines the line break is kept as text.
  let afterText = false;
  for (const line of text.split('\n')) {
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const q = /^>\s?(.*)$/.exec(line);
    if (h || q) {
      fill(bubble.appendChild(el(h ? `h${Math.min(h[1].length, 4)}` : 'blockquote')), h ? h[2] : q[1]);
      afterText = false;
      continue;
    }
    if (afterText) bubble.append(document.createTextNode('\n'));
    fill(bubble, line);
    afterText = true;
  }
}

function card(bubble, c) {
  bubble.classList.add('card');
  bubble.dataset.taskId = c.taskId;
  const body = el('div', 'card-body');
  body.append(el('div', 'title', c.title));
  if (c.desc) body.append(el('div', 'desc', c.desc));
  if (c.lines.length) {
    const dl = el('dl');
    for (const l of c.lines) dl.append(el('dt', '', l.key), el('dd', '', l.value));
    body.append(dl);
  }
  const buttons = el('div', 'buttons');
  for (const b of c.buttons) {
    const btn = el('button', b.primary ? 'primary' : '', b.text);
    btn.type = 'button';
    btn.dataset.key = b.key;
    btn.addEventListener('click', () => clickCard(c.taskId, b.key, buttons));
    buttons.append(btn);
  }
  bubble.append(body, buttons);
  state.cards.set(c.taskId, bubble);
}

/** A clicked card (also when the chat is shown again later): its buttons are used up, the chosen one marked. */
function cardClicked(taskId, label) {
  const bubble = state.cards.get(taskId);
  if (!bubble) return;
  for (const b of bubble.querySelectorAll('.buttons button')) {
    b.disabled = true;
    if (b.textContent === label) b.classList.add('chosen');
  }
}

function cardUpdated(item) {
  const bubble = state.cards.get(item.taskId);
  if (!bubble) return;
  const buttons = bubble.querySelector('.buttons');
  // As WeCom shows it: the buttons give way to the one label the bot chose (“已选：是”, “已确认”).
  if (buttons) buttons.replaceWith(el('div', 'done', item.text || '已处理'));
}

function menu(bubble, m) {
  bubble.classList.add('menu');
  if (m.head) bubble.append(el('div', 'head', m.head));
  const items = el('div', 'items');
  for (const it of m.items) {
    const b = el('button', '', it.label);
    b.type = 'button';
    b.dataset.menuId = it.id;
    b.addEventListener('click', () => act('menu', { menuId: it.id }));
    items.append(b);
  }
  bubble.append(items);
  if (m.tail) bubble.append(el('div', 'tail', m.tail));
}

function file(bubble, item) {
  bubble.classList.add('file');
  const url = `/sandbox/api/media/${encodeURIComponent(item.file.mediaId)}`;
  if (item.kind === 'image') {
    const img = el('img');
    img.src = url;
    img.alt = item.file.name;
    bubble.append(img);
  }
  // Words, not emoji: the bundled font has no emoji, and a box is all a machine without one would show.
  const a = el('a', '', `${item.kind === 'image' ? '图片' : '文件'}：${item.file.name || '未命名'}`);
  a.href = url;
  a.download = item.file.name || '';
  bubble.append(a, el('span', 'size', size(item.file.size)));
}

function size(n) {
  if (!n) return '';
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

// ---- acting ----

async function act(kind, fields) {
  const p = state.current;
  if (!p) return false;
  const gen = state.gen;
  setStatus('');
  try {
    await api(kind, { person: p.id, ...fields });
    return true;
  } catch (e) {
    if (gen === state.gen) setStatus(e.message);
    return false;
  } finally {
    if (gen === state.gen) {
      clearTimeout(state.timer);
      poll(gen);
    }
  }
}

async function clickCard(taskId, key, buttons) {
  for (const b of buttons.querySelectorAll('button')) b.disabled = true;
  if (!(await act('click', { taskId, key }))) for (const b of buttons.querySelectorAll('button')) b.disabled = false;
}

async function send() {
  const input = $('input');
  const text = input.value.trim();
  if (!text || !state.current) return;
  input.value = '';
  const gen = state.gen;
  // The server records what was said before sending it, so the next poll shows it; if it was
  // refused, the text goes back into the box (unless something new was typed meanwhile).
  if (!(await act('say', { text })) && gen === state.gen && !input.value) input.value = text;
}

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  send();
});
$('input').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send();
  }
});
$('enter').addEventListener('click', () => act('enter', {}));
$('back').addEventListener('click', () => document.querySelector('.app').classList.remove('chatting'));
window.addEventListener('load', loadPeople);
