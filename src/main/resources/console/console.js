// The operator console: plain DOM, no framework. Everything shown comes from the operator API and is put in the
// page as text, never as markup, so that a hostile payload or topic cannot run in the operator's browser.

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const loginForm = document.getElementById('login');
const loginError = document.getElementById('login-error');
const tokenField = document.getElementById('token');

// held in memory only: never in a URL, a cookie or the browser's storage
let token = null;

// The operator API sits beside the console, wherever that is served: at the root of the server, or under
// API Gateway's stage (/live/console). Its files are at <there>/console/, this one among them.
const API_ROOT = new URL('../', import.meta.url);

const STATUSES = ['accepted', 'processed', 'dead_lettered', 'replayed'];
const PAGE_SIZE = 25;
const OVERVIEW_REFRESH_MS = 10000;
const SVG = 'http://www.w3.org/2000/svg';

let overviewRefresh = null;
// each route() is one navigation; an answer that comes back after the next one began draws nothing
let navigation = 0;

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

class SignedOut extends Error {}

async function api(path, { method = 'GET', body } = {}) {
  const headers = { Authorization: 'Bearer ' + token };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  // a path as the API names it (/events/...), under the API's root
  const response = await fetch(new URL('.' + path, API_ROOT), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 401) {
    signOut('The token was refused. Enter the admin token again.');
    throw new SignedOut();
  }
  if (!response.ok) {
    throw new ApiError(response.status, (json && json.message) || 'The request failed with HTTP ' + response.status + '.');
  }
  return json;
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

function time(instant) {
  return instant ? new Date(instant).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
}

function eventLink(id) {
  return el('a', { href: '#/events/' + encodeURIComponent(id), class: 'event-link' }, id);
}

function statusText(status) {
  return el('span', { class: 'status status-' + status }, status.replace('_', '-'));
}

function reasonText(reason) {
  return reason ? reason.code + ': ' + reason.message + (reason.stage ? ' (' + reason.stage + ')' : '') : '';
}

/** Draws the page of this navigation, unless the operator has gone elsewhere or signed out since. */
function drawer(mine) {
  return (...children) => {
    if (mine === navigation && token !== null) {
      // what a page leaves out is null: nothing to draw, not the word
      view.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
    }
  };
}

function showLogin(message) {
  navigation++;
  clearTimeout(overviewRefresh);
  nav.hidden = true;
  view.replaceChildren(loginForm);
  loginError.textContent = message || '';
  tokenField.value = '';
  tokenField.focus();
}

function signOut(message) {
  token = null;
  showLogin(message);
}

loginForm.addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  token = tokenField.value;
  tokenField.value = '';
  try {
    await api('/events?size=1');
  } catch (failure) {
    if (!(failure instanceof SignedOut)) {
      signOut(failure.message);
    }
    return;
  }
  nav.hidden = false;
  if (!location.hash || location.hash === '#') {
    location.hash = '#/overview';
  } else {
    route();
  }
});

document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
window.addEventListener('hashchange', route);

function parameters() {
  const hash = location.hash.slice(1);
  const question = hash.indexOf('?');
  return {
    path: question < 0 ? hash : hash.slice(0, question),
    query: new URLSearchParams(question < 0 ? '' : hash.slice(question + 1)),
  };
}

function currentSection() {
  const section = parameters().path.split('/')[1];
  return section === 'events' || section === 'dead-letters' ? section : 'overview';
}

async function route() {
  if (token === null) {
    tokenField.disabled = false;
document.getElementById('open').disabled = false;
showLogin();
    return;
  }
  const { path, query } = parameters();
  const [, section, id] = path.split('/');
  for (const link of nav.querySelectorAll('a')) {
    link.toggleAttribute('aria-current', false);
  }
  clearTimeout(overviewRefresh);
  const current = document.getElementById({ 'dead-letters': 'nav-dead-letters', events: 'nav-events' }[section] || 'nav-overview');
  current.setAttribute('aria-current', 'page');
  const draw = drawer(++navigation);
  try {
    if (section === 'events' && id) {
      await eventPage(draw, decodeURIComponent(id));
    } else if (section === 'dead-letters') {
      await deadLettersPage(draw, query);
    } else if (section === 'events') {
      await eventsPage(draw, query);
    } else {
      await overviewPage(draw);
    }
  } catch (failure) {
    if (!(failure instanceof SignedOut)) {
      draw(el('p', { class: 'error', role: 'alert' }, failure.message));
    }
  }
}

function field(label, name, value, attributes = {}) {
  return el('label', {}, label, el('input', { name, value: value || '', ...attributes }));
}

function statusSelect(value) {
  return el('label', {}, 'Status', el('select', { name: 'status' },
    el('option', { value: '' }, 'any'),
    STATUSES.map((status) => el('option', { value: status, selected: status === value }, status))));
}

function filterForm(section, fields) {
  return el('form', {
    class: 'filters', role: 'search',
    onsubmit: (submitted) => {
      submitted.preventDefault();
      const chosen = new URLSearchParams();
      for (const [name, value] of new FormData(submitted.target)) {
        if (String(value).trim()) {
          chosen.set(name, String(value).trim());
        }
      }
      location.hash = '#/' + section + '?' + chosen;
    },
  }, fields, el('button', { type: 'submit', class: 'primary' }, 'Search'));
}

function pager(section, query, page, more) {
  const to = (number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(number));
    return '#/' + section + '?' + next;
  };
  return el('div', { class: 'pager' },
    page > 1 ? el('a', { href: to(page - 1) }, '← Newer') : null,
    el('span', { class: 'muted' }, 'Page ' + page),
    more ? el('a', { href: to(page + 1) }, 'Older →') : null);
}

function searchPath(query, extra = {}) {
  const search = new URLSearchParams(query);
  search.set('size', String(PAGE_SIZE));
  for (const [name, value] of Object.entries(extra)) {
    search.set(name, value);
  }
  return '/events?' + search;
}

async function eventsPage(draw, query) {
  const page = Number(query.get('page') || '1');
  const found = await api(searchPath(query));
  const rows = found.items.map((event) => el('tr', {},
    el('td', {}, eventLink(event.id)),
    el('td', {}, event.provider),
    el('td', {}, event.topic || ''),
    el('td', {}, statusText(event.status)),
    el('td', {}, event.groupId || ''),
    el('td', {}, time(event.receivedAt))));
  draw(
    el('h2', {}, 'Events'),
    filterForm('events', [
      field('Event or delivery id', 'id', query.get('id')),
      field('Provider', 'provider', query.get('provider')),
      field('Topic', 'topic', query.get('topic')),
      statusSelect(query.get('status')),
      field('Message group', 'group', query.get('group')),
      field('Payload contains', 'q', query.get('q'), { maxlength: '200' }),
      field('Received from (UTC)', 'from', query.get('from'), { placeholder: '2026-12-01T10:00:00Z' }),
      field('Received before (UTC)', 'to', query.get('to'), { placeholder: '2026-12-01T11:00:00Z' }),
    ]),
    found.searched ? el('p', { class: 'muted' }, 'Payload search covers ' + found.searched + '.') : null,
    rows.length === 0 ? el('p', { id: 'no-events' }, 'No event matches.') : el('table', { id: 'events' },
      el('caption', { class: 'muted' }, 'Newest received first'),
      el('thead', {}, el('tr', {}, ['Event', 'Provider', 'Topic', 'Status', 'Group', 'Received'].map((name) => el('th', { scope: 'col' }, name)))),
      el('tbody', {}, rows)),
    pager('events', query, page, found.more));
}

const WINDOW_CAPTIONS = { lastHour: 'Last hour', last24Hours: 'Last 24 hours' };

// what ingest answered is there only where it is counted (the server shape)
function windowTable(name, window, countsIngest) {
  const rows = window.providers.map((row) => el('tr', {},
    el('th', { scope: 'row' }, row.provider),
    countsIngest ? [
      el('td', { class: 'accepted' }, row.accepted),
      el('td', { class: 'refused' }, row.refusedTotal === 0 ? '0'
        : row.refusedTotal + ' (' + Object.entries(row.refused).map(([reason, count]) => reason + ' ' + count).join(', ') + ')'),
    ] : [],
    el('td', { class: 'processed' }, row.processed),
    el('td', { class: 'dead-lettered' }, row.deadLettered),
    el('td', { class: 'replayed' }, row.replayed),
    countsIngest ? [
      el('td', {}, row.ingestMs.p50 === null ? '—' : '≤ ' + milliseconds(row.ingestMs.p50)),
      el('td', {}, row.ingestMs.p99 === null ? '—' : '≤ ' + milliseconds(row.ingestMs.p99)),
    ] : []));
  const columns = countsIngest
    ? ['Provider', 'Accepted', 'Refused (by reason)', 'Processed', 'Dead-lettered', 'Replayed', 'Ingest p50', 'Ingest p99']
    : ['Provider', 'Processed', 'Dead-lettered', 'Replayed'];
  return el('table', { id: 'overview-' + name },
    el('caption', {}, WINDOW_CAPTIONS[name] || name),
    el('thead', {}, el('tr', {}, columns.map((label) => el('th', { scope: 'col' }, label)))),
    el('tbody', {}, rows.length > 0 ? rows : el('tr', {}, el('td', { colspan: String(columns.length), class: 'muted' }, 'Nothing yet.'))));
}

function milliseconds(bound) {
  return bound < 0 ? 'over 10 s' : bound + ' ms';
}

function queueText(depth) {
  return depth.message || depth.visible + ' waiting, ' + depth.inFlight + ' in flight';
}

function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  return element;
}

function minuteChart(perMinute, countsIngest) {
  const width = 720;
  const height = 180;
  const series = countsIngest ? ['accepted', 'processed', 'deadLettered'] : ['processed', 'deadLettered'];
  const highest = Math.max(1, ...perMinute.flatMap((minute) => series.map((name) => minute[name])));
  const x = (index) => 30 + (index * (width - 40)) / Math.max(1, perMinute.length - 1);
  const y = (value) => height - 20 - (value * (height - 40)) / highest;
  const totals = series.map((name) => name + ' ' + perMinute.reduce((sum, minute) => sum + minute[name], 0));
  const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart', role: 'img',
    'aria-label': 'Per minute over the last hour: ' + totals.join(', ') });
  chart.append(svg('line', { x1: 30, y1: height - 20, x2: width - 10, y2: height - 20, class: 'axis' }));
  const top = svg('text', { x: 2, y: 24, class: 'axis-label' });
  top.textContent = String(highest);
  chart.append(top);
  for (const name of series) {
    chart.append(svg('polyline', { class: 'series-' + name, fill: 'none',
      points: perMinute.map((minute, index) => x(index) + ',' + y(minute[name])).join(' ') }));
  }
  return el('figure', { id: 'per-minute' }, chart,
    el('figcaption', {}, countsIngest ? [el('span', { class: 'key-accepted' }, '— accepted'), ' '] : [],
      el('span', { class: 'key-processed' }, '— processed'), ' ',
      el('span', { class: 'key-deadLettered' }, '— dead-lettered'), el('span', { class: 'muted' }, ' per minute, the last 60 minutes')));
}

async function overviewPage(draw) {
  const overview = await api('/overview');
  const counted = overview.countsIngest ? 'Counted by this server since it started, ' + time(overview.countingSince) + '.'
    : 'Counted from the database\'s history of each event.';
  const kept = ' Processed events are kept ' + overview.retentionDays + ' days.';
  draw(
    el('h2', {}, 'Overview'),
    el('p', { class: 'muted' }, 'At ' + time(overview.at) + '. ' + counted + kept + ' Refreshes every ' + OVERVIEW_REFRESH_MS / 1000 + ' s.'),
    overview.notCounted ? el('p', { class: 'hint', id: 'not-counted' }, overview.notCounted) : null,
    Object.entries(overview.windows).map(([name, window]) => windowTable(name, window, overview.countsIngest)),
    el('h3', {}, 'Queues'),
    el('dl', { class: 'attributes', id: 'queues' },
      el('dt', {}, 'Queue'), el('dd', { id: 'queue-main' }, queueText(overview.queues.main)),
      el('dt', {}, 'Dead letters'), el('dd', { id: 'queue-dead-letters' }, queueText(overview.queues.deadLetters))),
    el('h3', {}, 'Per minute'),
    minuteChart(overview.perMinute, overview.countsIngest));
  // route() cancels it when the operator goes elsewhere; so may have done while this page was read
  if (currentSection() === 'overview') {
    overviewRefresh = setTimeout(route, OVERVIEW_REFRESH_MS);
  }
}

function timelineSteps(event) {
  const steps = [el('li', {}, time(event.receivedAt) + ' received from ' + event.provider + ' and queued')];
  for (const step of event.timeline) {
    const what = {
      accepted: 'taken by the worker (receive ' + step.receiveCount + ')',
      processed: 'processed',
      dead_lettered: 'dead-lettered',
      replayed: 'replayed to the queue (replay ' + step.replayCount + ')',
    }[step.status] || step.status;
    steps.push(el('li', { class: 'step-' + step.status }, time(step.at) + ' ' + what + (step.reason ? ' — ' + reasonText(step.reason) : '')));
  }
  return steps;
}

// Indents JSON text token by token: parsing it would round numbers beyond 2^53 (order ids often are) and merge
// duplicate keys, and the operator must see what was sent.
function indentJson(text) {
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const newline = () => '\n' + '  '.repeat(depth);
  const nextSignificant = (from) => {
    let at = from;
    while (at < text.length && /\s/.test(text[at])) {
      at++;
    }
    return at;
  };
  for (let at = 0; at < text.length; at++) {
    const ch = text[at];
    if (inString) {
      out += ch;
      if (escaped) {
        escaped = false;
      } else if (ch === '\\') {
        escaped = true;
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      const next = nextSignificant(at + 1);
      if (text[next] === (ch === '{' ? '}' : ']')) {
        out += ch + text[next];
        at = next;
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') {
      out += ch + newline();
    } else if (ch === ':') {
      out += ': ';
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function payloadBlock(payload, size) {
  const pretty = isJson(payload) ? indentJson(payload) : payload;
  const shown = el('pre', { class: 'payload', id: 'payload', tabindex: '0' }, pretty);
  let raw = false;
  const toggle = el('button', {
    type: 'button', id: 'toggle-raw',
    onclick: () => {
      raw = !raw;
      shown.textContent = raw ? payload : pretty;
      toggle.textContent = raw ? 'Show pretty-printed' : 'Show the exact bytes';
    },
  }, 'Show the exact bytes');
  return [el('p', { class: 'muted' }, size + ' bytes as received. ', toggle), shown];
}

async function payloadOf(event) {
  try {
    return await payloadAnswer(event);
  } catch (failure) {
    if (failure instanceof SignedOut) {
      throw failure;
    }
    return [el('p', { class: 'error', id: 'payload-error' }, failure.message)];
  }
}

async function payloadAnswer(event) {
  if (event.status === 'processed') {
    const stored = await api('/events/' + encodeURIComponent(event.id) + '/payload');
    return payloadBlock(stored.payload, stored.payloadBytes);
  }
  if (event.status === 'dead_lettered') {
    const deadLetter = await api('/dead-letters/' + encodeURIComponent(event.id));
    return deadLetter.payload === undefined ? [el('p', { class: 'muted' }, deadLetter.message)]
      : payloadBlock(deadLetter.payload, deadLetter.payloadBytes);
  }
  return [el('p', { class: 'muted' }, 'The payload is in the queue until the worker has processed the event.')];
}

async function replayOne(id, direct, notice) {
  notice.textContent = '';
  notice.classList.remove('error');
  try {
    const answer = await api('/dead-letters/' + encodeURIComponent(id) + '/replay' + (direct ? '?mode=direct' : ''), { method: 'POST', body: {} });
    if (direct) {
      notice.textContent = answer.outcome === 'processed' ? 'Processed.' : 'Failed again: ' + answer.errorCode + ': ' + answer.errorMessage;
      notice.classList.toggle('error', answer.outcome !== 'processed');
    } else {
      notice.textContent = answer.moved === 1 ? 'Moved back to the queue.' : 'Nothing moved: it is no longer a dead letter.';
    }
    return answer;
  } catch (failure) {
    if (!(failure instanceof SignedOut)) {
      notice.textContent = failure.message;
    }
    return null;
  }
}

async function eventPage(draw, id, message, failed) {
  const event = await api('/events/' + encodeURIComponent(id));
  const notice = el('p', { class: failed ? 'notice error' : 'notice', role: 'status', id: 'notice' }, message);
  const again = async (said, saidFailure) => {
    try {
      await eventPage(draw, id, said, saidFailure);
    } catch (failure) {
      if (!(failure instanceof SignedOut)) {
        notice.textContent = failure.message;
        notice.classList.add('error');
      }
    }
  };
  const afterReplay = async (direct) => {
    const answer = await replayOne(id, direct, notice);
    if (answer) {
      await again(notice.textContent, notice.classList.contains('error'));
    }
  };
  const attributes = [
    ['Event id', event.id], ['Provider', event.provider], ['Topic', event.topic], ['Delivery id', event.deliveryId],
    ['Message group', event.groupId], ['Status', event.status], ['Reason', reasonText(event.reason)],
    ['Received', time(event.receivedAt)], ['Last change', time(event.updatedAt)],
    ['Receives', event.receiveCount], ['Replays', event.replayCount],
  ];
  const actions = el('div', { class: 'actions' },
    el('button', { type: 'button', id: 'refresh', onclick: () => again() }, 'Refresh'),
    event.status === 'dead_lettered' ? [
      el('button', { type: 'button', id: 'replay', onclick: () => afterReplay(false) }, 'Replay to the queue'),
      el('button', { type: 'button', id: 'try-now', onclick: () => afterReplay(true) }, 'Try now'),
    ] : [],
    notice);
  const payload = await payloadOf(event);
  draw(
    el('h2', {}, 'Event ' + event.id),
    el('dl', { class: 'attributes', id: 'attributes' }, attributes.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value ?? '—')])),
    actions,
    el('h3', {}, 'Timeline'),
    el('ol', { class: 'timeline', id: 'timeline' }, timelineSteps(event)),
    el('h3', {}, 'Payload'),
    ...payload);
}

const REPLAY_CRITERIA = ['provider', 'topic', 'error'];

async function deadLettersPage(draw, query, message) {
  const page = Number(query.get('page') || '1');
  // the list shows what a replay of "all that match" would take: only the criteria a replay filter has
  const shown = new URLSearchParams();
  for (const name of [...REPLAY_CRITERIA, 'page']) {
    if (query.get(name)) {
      shown.set(name, query.get(name));
    }
  }
  const found = await api(searchPath(shown, { status: 'dead_lettered' }));
  const notice = el('p', { class: 'notice', role: 'status', id: 'notice' }, message);
  const tryNow = async (id) => {
    const answer = await replayOne(id, true, notice);
    if (answer && answer.outcome === 'processed') {
      // it left the dead letters: list them again
      await deadLettersPage(draw, query, id + ': processed.').catch((failure) => {
        notice.textContent = failure instanceof SignedOut ? '' : failure.message;
      });
    }
  };
  const boxes = [];
  const rows = found.items.map((event) => {
    const box = el('input', { type: 'checkbox', value: event.id, 'aria-label': 'Select ' + event.id });
    boxes.push(box);
    return el('tr', {},
      el('td', {}, box),
      el('td', {}, eventLink(event.id)),
      el('td', {}, event.provider),
      el('td', {}, event.topic || ''),
      el('td', { class: 'reason' }, reasonText(event.reason)),
      el('td', {}, time(event.updatedAt)),
      el('td', {}, el('button', { type: 'button', class: 'try-now', onclick: () => tryNow(event.id) }, 'Try now')));
  });
  const filter = () => {
    const selected = boxes.filter((box) => box.checked).map((box) => box.value);
    if (selected.length > 0) {
      return { ids: selected };
    }
    const criteria = {};
    for (const name of REPLAY_CRITERIA) {
      if (shown.get(name)) {
        criteria[name] = shown.get(name);
      }
    }
    return Object.keys(criteria).length > 0 ? criteria : { all: true };
  };
  const replay = async (dryRun) => {
    notice.textContent = '';
    notice.classList.remove('error');
    const chosen = filter();
    if (chosen.all && !dryRun) {
      notice.textContent = 'Select dead letters, or filter by provider, topic or error, to replay them.';
      notice.classList.add('error');
      return;
    }
    try {
      const answer = await api('/dead-letters/replay', { method: 'POST', body: { ...chosen, dryRun } });
      const what = chosen.ids ? 'of the ' + chosen.ids.length + ' selected' : chosen.all ? 'of all dead letters' : 'matching the filter';
      notice.textContent = (dryRun ? 'Dry run: ' + answer.matched + ' ' + what + ' would move to the queue.'
        : 'Replayed: ' + answer.moved + ' ' + what + ' moved to the queue.') + (answer.message ? ' ' + answer.message : '');
    } catch (failure) {
      if (!(failure instanceof SignedOut)) {
        notice.textContent = failure.message;
      }
    }
  };
  draw(
    el('h2', {}, 'Dead letters'),
    filterForm('dead-letters', [
      field('Provider', 'provider', query.get('provider')),
      field('Topic', 'topic', query.get('topic')),
      field('Error', 'error', query.get('error')),
    ]),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'dry-run', onclick: () => replay(true) }, 'Dry run'),
      el('button', { type: 'button', id: 'replay-selected', class: 'primary', onclick: () => replay(false) }, 'Replay'),
      el('span', { class: 'muted' }, 'the selected ones, or all that match the filter')),
    notice,
    rows.length === 0 ? el('p', { id: 'no-dead-letters' }, 'No dead letter matches.') : el('table', { id: 'dead-letters' },
      el('thead', {}, el('tr', {}, ['', 'Event', 'Provider', 'Topic', 'Reason', 'Dead-lettered', ''].map((name) => el('th', { scope: 'col' }, name)))),
      el('tbody', {}, rows)),
    pager('dead-letters', shown, page, found.more));
}

tokenField.disabled = false;
document.getElementById('open').disabled = false;
showLogin();
