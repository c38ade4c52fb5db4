/*
 * The ops dashboard: vanilla JS, no build step. The reader key is asked for in a form, kept in sessionStorage
 * and sent only as `Authorization: Bearer` (never in a URL). The live stream (/v1/stream) is read with fetch()
 * and a ReadableStream, because EventSource cannot send headers; it reconnects with Last-Event-ID.
 */
(function () {
  'use strict';

  var KEY_STORAGE = 'dossier-dashboard.reader-key';
  var TREND_DAYS = 30;
  var OVERDUE_PAGE_SIZE = 20;
  var REFRESH_MIN_MS = 2000; // the report, trend and overdue list follow the stream, at most this often
  var STALL_MS = 45000; // no byte (not even a `: ping`) for this long: the connection is dead, reconnect

  var INDICATORS = [
    ['onTimeRate', 'Giải quyết đúng hạn', 'resolved on time'],
    ['onlineReceivedRate', 'Hồ sơ tiếp nhận trực tuyến', 'received online'],
    ['onlineResolvedRate', 'Hồ sơ trực tuyến đã giải quyết', 'resolved dossiers received online'],
    ['onlinePaymentRate', 'Thanh toán trực tuyến', 'payments made online'],
    ['electronicTransferRate', 'Luân chuyển hồ sơ điện tử', 'electronic transfers'],
    ['satisfactionRate', 'Mức độ hài lòng', 'satisfied ratings'],
    ['identityVerifiedRate', 'Xác thực định danh điện tử', 'online dossiers with verified identity'],
    ['nationalSyncRate', 'Đồng bộ Cổng DVC quốc gia', 'synced to the national portal'],
    ['workfileElectronicRate', 'Hồ sơ công việc điện tử', 'electronic work files'],
    ['proceduresOnlineRate', 'TTHC trực tuyến (toàn trình, một phần)', 'procedures online, full or partial'],
    ['proceduresOnlinePaymentRate', 'TTHC có phí thanh toán trực tuyến', 'fee procedures payable online'],
    ['proceduresMobileRate', 'TTHC toàn trình trên di động', 'full-online procedures on mobile'],
  ];
  var LEVEL_GROUPS = [
    ['provinceDepartment', 'cấp tỉnh, sở', 'province and departments'],
    ['district', 'cấp huyện', 'district'],
    ['commune', 'cấp xã', 'commune'],
  ];
  var REPORT_COLUMNS = [
    'received.online', 'received.inPerson', 'received.postal', 'carriedOver', 'resolved.early', 'resolved.onTime', 'resolved.late',
    'withdrawn', 'inProgress.withinDeadline', 'inProgress.overdue', 'overdueNow',
  ];
  var CHANNELS = { online: 'Trực tuyến', in_person: 'Trực tiếp', postal: 'Bưu chính' };

  var percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
  var count = new Intl.NumberFormat('vi-VN');
  var dateTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' });
  var dayFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit' });

  var $ = function (id) { return document.getElementById(id); };
  var state = {
    key: null,
    agencies: [],
    agency: null,
    snapshot: null,
    stream: null, // AbortController of the running stream
    trendIndicator: 'onTimeRate',
    overduePage: 1,
    refresh: { running: false, pending: false, lastStart: 0, timer: null },
  };

  // ---------- the key ----------

  function readKey() {
    try { return sessionStorage.getItem(KEY_STORAGE); } catch (e) { return null; }
  }

  function forgetKey(message) {
    try { sessionStorage.removeItem(KEY_STORAGE); } catch (e) { /* storage disabled */ }
    state.key = null;
    stopStream();
    setLive('off');
    $('app').hidden = true;
    $('forget-key').hidden = true;
    $('login').hidden = false;
    $('key-error').textContent = message || '';
    $('key-input').value = '';
    $('key-input').focus();
  }

  $('key-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var key = $('key-input').value.trim();
    if (!key) return;
    state.key = key;
    $('key-input').value = '';
    start().then(function (ok) {
      if (ok) {
        try { sessionStorage.setItem(KEY_STORAGE, key); } catch (err) { /* the tab works without storing it */ }
      }
    });
  });

  $('forget-key').addEventListener('click', function () { forgetKey(''); });

  // ---------- API ----------

  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + state.key, Accept: 'application/json' }, cache: 'no-store' }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        try { body = JSON.parse(text); } catch (e) { body = text; }
        if (res.status === 401) forgetKey('Khóa không hợp lệ hoặc đã bị thu hồi. Invalid or revoked key.');
        return { status: res.status, body: body };
      });
    });
  }

  function query(params) {
    return Object.keys(params).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]); }).join('&');
  }

  // ---------- start, agencies ----------

  function start() {
    $('key-error').textContent = '';
    return api('v1/agencies').then(function (res) {
      if (res.status === 401) return false;
      if (res.status === 403) { forgetKey('Khóa này không có quyền đọc. This key is not a reader key.'); return false; }
      if (res.status !== 200) { forgetKey('Máy chủ trả lời ' + res.status + '. The server answered ' + res.status + '.'); return false; }
      state.agencies = res.body.agencies;
      $('login').hidden = true;
      $('app').hidden = false;
      $('forget-key').hidden = false;
      fillAgencies();
      fillTrendIndicators();
      var wanted = agencyFromHash();
      var known = state.agencies.some(function (a) { return a.code === wanted; });
      selectAgency(known ? wanted : ($('agency').options[0] && $('agency').options[0].value));
      return true;
    }, function () {
      forgetKey('Không kết nối được máy chủ. Cannot reach the server.');
      return false;
    });
  }

  function fillAgencies() {
    var byCode = {};
    var children = {};
    state.agencies.forEach(function (a) { byCode[a.code] = a; });
    var roots = [];
    state.agencies.forEach(function (a) {
      if (a.parentCode && byCode[a.parentCode] && a.parentCode !== a.code) (children[a.parentCode] = children[a.parentCode] || []).push(a);
      else roots.push(a);
    });
    var select = $('agency');
    select.textContent = '';
    var seen = {};
    (function add(list, depth) {
      list.forEach(function (a) {
        if (seen[a.code]) return;
        seen[a.code] = true;
        var option = document.createElement('option');
        option.value = a.code;
        option.textContent = '\u00a0\u00a0\u00a0'.repeat(depth) + a.name + ' (' + a.code + ')';
        select.appendChild(option);
        add(children[a.code] || [], depth + 1);
      });
    })(roots, 0);
    if (state.agencies.length === 0) $('app-error').textContent = 'Chưa có đơn vị nào được đăng ký. No agency is registered yet.';
  }

  function fillTrendIndicators() {
    var select = $('trend-indicator');
    select.textContent = '';
    INDICATORS.forEach(function (i) {
      var option = document.createElement('option');
      option.value = i[0];
      option.textContent = i[1];
      select.appendChild(option);
    });
    select.value = state.trendIndicator;
  }

  function agencyFromHash() {
    var m = /(?:^#|&)agency=([^&]*)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }

  $('agency').addEventListener('change', function () { selectAgency($('agency').value); });
  $('trend-indicator').addEventListener('change', function () {
    state.trendIndicator = $('trend-indicator').value;
    loadTrend();
  });
  $('overdue-prev').addEventListener('click', function () { if (state.overduePage > 1) { state.overduePage--; loadOverdue(); } });
  $('overdue-next').addEventListener('click', function () { state.overduePage++; loadOverdue(); });
  window.addEventListener('hashchange', function () {
    var wanted = agencyFromHash();
    if (state.key && wanted && wanted !== state.agency && state.agencies.some(function (a) { return a.code === wanted; })) selectAgency(wanted);
  });

  function selectAgency(code) {
    if (!code) return;
    state.agency = code;
    state.snapshot = null;
    state.overduePage = 1;
    state.refresh.lastStart = 0;
    $('agency').value = code;
    $('app-error').textContent = '';
    if (agencyFromHash() !== code) history.replaceState(null, '', '#agency=' + encodeURIComponent(code));
    clearViews();
    startStream(code);
  }

  // ---------- the live stream ----------

  function setLive(mode) {
    var el = $('live');
    el.className = 'live ' + (mode === 'on' ? 'live-on' : mode === 'wait' ? 'live-wait' : 'live-off');
    el.textContent = mode === 'on' ? 'Trực tiếp · live' : mode === 'wait' ? 'Đang kết nối · connecting' : 'Chưa kết nối · offline';
  }

  function stopStream() {
    if (state.stream) state.stream.abort();
    state.stream = null;
  }

  function startStream(agency) {
    stopStream();
    var outer = new AbortController();
    state.stream = outer;
    var lastEventId = null;
    var retryMs = 3000;
    var failures = 0;

    function connect() {
      if (outer.signal.aborted) return;
      var attempt = new AbortController();
      outer.signal.addEventListener('abort', function () { attempt.abort(); }, { once: true });
      var stall = null;
      var alive = function () {
        clearTimeout(stall);
        stall = setTimeout(function () { attempt.abort(); }, STALL_MS);
      };
      var headers = { Authorization: 'Bearer ' + state.key, Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      setLive('wait');
      fetch('v1/stream?' + query({ agency: agency }), { headers: headers, cache: 'no-store', signal: attempt.signal })
        .then(function (res) {
          if (res.status === 401) { forgetKey('Khóa không hợp lệ hoặc đã bị thu hồi. Invalid or revoked key.'); return 'stop'; }
          if (res.status === 404) { $('app-error').textContent = 'Không tìm thấy đơn vị ' + agency + '. Unknown agency.'; return 'stop'; }
          if (!res.ok || !res.body) throw new Error('stream answered ' + res.status);
          failures = 0;
          setLive('on');
          alive();
          return readEvents(res.body, alive, function (event) {
            if (event.retry) retryMs = event.retry;
            if (event.id !== null) lastEventId = event.id;
            if (event.type === 'snapshot' && event.data) onSnapshot(JSON.parse(event.data));
          });
        })
        .catch(function () { return 'retry'; })
        .then(function (outcome) {
          clearTimeout(stall);
          if (outcome === 'stop' || outer.signal.aborted) return;
          failures++;
          setLive('wait');
          // The server's retry hint, then backing off up to a minute while it stays unreachable.
          var delay = Math.min(retryMs * Math.pow(2, Math.max(0, failures - 1)), 60000);
          setTimeout(connect, delay);
        });
    }
    connect();
  }

  /** Parses text/event-stream (the WHATWG rules: fields, comments, blank line dispatches) from a byte stream. */
  function readEvents(body, onBytes, onEvent) {
    var reader = body.getReader();
    var decoder = new TextDecoder('utf-8');
    var buffer = '';
    var event = { type: '', data: [], id: null, retry: 0 };
    function line(text) {
      if (text === '') {
        if (event.data.length > 0 || event.id !== null || event.retry) {
          onEvent({ type: event.type || 'message', data: event.data.join('\n'), id: event.id, retry: event.retry });
        }
        event = { type: '', data: [], id: null, retry: 0 };
        return;
      }
      if (text[0] === ':') return; // a comment: `: ping`
      var colon = text.indexOf(':');
      var field = colon < 0 ? text : text.slice(0, colon);
      var value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') event.data.push(value);
      else if (field === 'event') event.type = value;
      else if (field === 'id' && value.indexOf('\0') < 0) event.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) event.retry = Number(value);
    }
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return 'retry';
        onBytes();
        buffer += decoder.decode(chunk.value, { stream: true });
        var m;
        var re = /\r\n|\r|\n/g;
        var from = 0;
        while ((m = re.exec(buffer)) !== null) {
          // A lone \r at the very end may be the first half of \r\n: wait for more.
          if (m[0] === '\r' && m.index === buffer.length - 1) break;
          line(buffer.slice(from, m.index));
          from = m.index + m[0].length;
        }
        buffer = buffer.slice(from);
        return pump();
      });
    }
    return pump();
  }

  function onSnapshot(snapshot) {
    if (snapshot.agency !== state.agency) return;
    var first = state.snapshot === null;
    state.snapshot = snapshot;
    renderSnapshot(snapshot, !first);
    scheduleRefresh();
  }

  // ---------- rendering the snapshot ----------

  function clearViews() {
    ['kpi-received', 'kpi-resolved', 'kpi-overdue', 'kpi-ontime'].forEach(function (id) { $(id).textContent = '–'; });
    $('as-of').textContent = '';
    document.querySelector('#indicators tbody').textContent = '';
    document.querySelector('#report tbody').textContent = '';
    document.querySelector('#overdue tbody').textContent = '';
    $('chart').textContent = '';
    $('overdue-note').textContent = '';
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function setText(node, text, flash) {
    if (node.textContent === text) return;
    node.textContent = text;
    if (flash) {
      node.classList.remove('changed');
      void node.offsetWidth; // restart the animation
      node.classList.add('changed');
    }
  }

  function formatRatio(r) {
    return r.value === null ? 'Chưa có dữ liệu' : percent.format(r.value);
  }

  function ratioCell(r, period) {
    var td = el('td', 'num');
    td.dataset.period = period;
    td.dataset.numerator = String(r.numerator);
    td.dataset.denominator = String(r.denominator);
    td.dataset.value = r.value === null ? '' : String(r.value);
    td.appendChild(el('span', 'value', formatRatio(r)));
    td.appendChild(el('span', 'ratio', count.format(r.numerator) + ' / ' + count.format(r.denominator)));
    return td;
  }

  function targetCell(r, year) {
    var td = el('td');
    td.dataset.target = year;
    var t = r.targets && r.targets[year];
    if (!t) {
      td.appendChild(el('span', 'no-target', 'Không có mục tiêu · no target'));
      return td;
    }
    var kind = t.met === true ? 'met' : t.met === false ? 'not-met' : 'no-data';
    var verdict = t.met === true ? 'Đạt · met' : t.met === false ? 'Chưa đạt · not met' : 'Chưa có dữ liệu · no data';
    td.dataset.met = String(t.met);
    var box = el('span', 'target ' + kind);
    box.appendChild(el('span', 'min', '≥ ' + percent.format(t.min)));
    box.appendChild(el('span', 'verdict', verdict));
    td.appendChild(box);
    return td;
  }

  function indicatorRow(name, label, en, today, month, sub) {
    var tr = el('tr', sub ? 'sub' : '');
    tr.dataset.indicator = name;
    var th = el('td');
    th.appendChild(document.createTextNode(label + ' '));
    th.appendChild(el('span', 'en', en));
    tr.appendChild(th);
    tr.appendChild(ratioCell(today, 'today'));
    tr.appendChild(ratioCell(month, 'month'));
    tr.appendChild(targetCell(month, '2025'));
    tr.appendChild(targetCell(month, '2030'));
    return tr;
  }

  function renderSnapshot(s, flash) {
    $('as-of').textContent = 'Cập nhật lúc ' + dateTime.format(new Date(s.asOf)) + ' · hôm nay ' + s.today.to + ', tháng này từ ' + s.month.from;
    var today = s.today.report;
    setText($('kpi-received'), count.format(today.received.online + today.received.inPerson + today.received.postal), flash);
    setText($('kpi-resolved'), count.format(today.resolved.early + today.resolved.onTime + today.resolved.late), flash);
    setText($('kpi-overdue'), count.format(s.month.report.overdueNow), flash);
    setText($('kpi-ontime'), formatRatio(s.month.indicators.onTimeRate), flash);

    var tbody = document.querySelector('#indicators tbody');
    var rows = [];
    INDICATORS.forEach(function (i) {
      var t = s.today.indicators[i[0]];
      var m = s.month.indicators[i[0]];
      rows.push(indicatorRow(i[0], i[1], i[2], t, m, false));
      if (i[0] === 'workfileElectronicRate') {
        LEVEL_GROUPS.forEach(function (g) {
          rows.push(indicatorRow(i[0] + '.' + g[0], g[1], g[2], t.byLevel[g[0]], m.byLevel[g[0]], true));
        });
      }
    });
    // Replace row by row, flashing the cells whose text changed.
    var old = {};
    Array.prototype.forEach.call(tbody.rows, function (tr) { old[tr.dataset.indicator] = tr; });
    tbody.textContent = '';
    rows.forEach(function (tr) {
      var before = old[tr.dataset.indicator];
      if (before && flash) {
        Array.prototype.forEach.call(tr.cells, function (td, i) {
          if (before.cells[i] && before.cells[i].textContent !== td.textContent) td.classList.add('changed');
        });
      }
      tbody.appendChild(tr);
    });
  }

  // ---------- report, trend and overdue list: fetched, following the stream ----------

  function scheduleRefresh() {
    var r = state.refresh;
    if (r.running || r.timer) { r.pending = true; return; }
    var wait = r.lastStart + REFRESH_MIN_MS - Date.now();
    if (wait > 0) {
      r.timer = setTimeout(function () { r.timer = null; scheduleRefresh(); }, wait);
      return;
    }
    r.running = true;
    r.pending = false;
    r.lastStart = Date.now();
    Promise.all([loadReport(), loadTrend(), loadOverdue()]).catch(function () { /* each shows its own error */ }).then(function () {
      r.running = false;
      if (r.pending) { r.pending = false; scheduleRefresh(); }
    });
  }

  function loadReport() {
    var s = state.snapshot;
    var agency = state.agency;
    if (!s) return Promise.resolve();
    return api('v1/reports/resolution?' + query({ agency: agency, from: s.month.from, to: s.month.to, children: 'true' })).then(function (res) {
      if (agency !== state.agency) return;
      var tbody = document.querySelector('#report tbody');
      if (res.status !== 200) { tbody.textContent = ''; $('app-error').textContent = 'Báo cáo: lỗi ' + res.status; return; }
      tbody.textContent = '';
      res.body.rows.forEach(function (row, i) {
        var tr = el('tr', i === 0 ? 'total' : '');
        tr.dataset.agency = row.agency;
        var name = el('td');
        name.appendChild(document.createTextNode((i === 0 ? 'Toàn đơn vị: ' : '') + row.name + ' '));
        name.appendChild(el('span', 'en', row.agency));
        tr.appendChild(name);
        REPORT_COLUMNS.forEach(function (col) {
          var v = col.split('.').reduce(function (o, k) { return o[k]; }, row);
          var td = el('td', 'num', count.format(v));
          td.dataset.col = col;
          td.dataset.value = String(v);
          tr.appendChild(td);
        });
        if (i > 0) {
          tr.title = 'Xem ' + row.name;
          tr.addEventListener('click', function () { selectAgency(row.agency); });
        }
        tbody.appendChild(tr);
      });
    });
  }

  function loadTrend() {
    var s = state.snapshot;
    if (!s) return Promise.resolve();
    var agency = state.agency;
    var name = state.trendIndicator;
    var to = s.today.to;
    var from = addDays(to, 1 - TREND_DAYS);
    return api('v1/indicators/series?' + query({ agency: agency, from: from, to: to, interval: 'day', names: name })).then(function (res) {
      if (agency !== state.agency || name !== state.trendIndicator) return;
      if (res.status !== 200) { $('chart').textContent = 'Không tải được xu hướng (' + res.status + ').'; return; }
      drawChart(res.body.points.map(function (p) { return { day: p.from, r: p.indicators[name] }; }), s.month.indicators[name].targets || {}, name);
    });
  }

  function addDays(day, n) {
    var d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function drawChart(points, targets, name) {
    var NS = 'http://www.w3.org/2000/svg';
    var W = 760, H = 240, L = 44, R = 70, T = 14, B = 30;
    var x = function (i) { return L + (points.length <= 1 ? 0 : (i * (W - L - R)) / (points.length - 1)); };
    var y = function (v) { return T + (1 - v) * (H - T - B); };
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    var label = INDICATORS.filter(function (i) { return i[0] === name; })[0];
    var withData = points.filter(function (p) { return p.r && p.r.value !== null; });
    svg.setAttribute('aria-label', (label ? label[1] : name) + ': ' + withData.length + ' ngày có dữ liệu trong ' + points.length + ' ngày');
    function add(tag, attrs, text) {
      var n = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
      if (text !== undefined) n.textContent = text;
      svg.appendChild(n);
      return n;
    }
    [0, 0.25, 0.5, 0.75, 1].forEach(function (v) {
      add('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' });
      add('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, percent.format(v));
    });
    [0, Math.floor((points.length - 1) / 2), points.length - 1].forEach(function (i) {
      if (points[i]) add('text', { x: x(i), y: H - 8, 'text-anchor': 'middle' }, dayFormat.format(new Date(points[i].day + 'T12:00:00+07:00')));
    });
    ['2025', '2030'].forEach(function (year) {
      var t = targets[year];
      if (!t) return;
      add('line', { x1: L, x2: W - R, y1: y(t.min), y2: y(t.min), class: 't' + year });
      add('text', { x: W - R + 4, y: y(t.min) + 4, class: 't' + year + '-label' }, year + ': ' + percent.format(t.min));
    });
    // The line breaks over days without data (no denominator) instead of pretending they were zero.
    var segment = [];
    var flush = function () {
      if (segment.length > 1) add('polyline', { points: segment.join(' '), class: 'line' });
      segment = [];
    };
    points.forEach(function (p, i) {
      if (!p.r || p.r.value === null) { flush(); return; }
      segment.push(x(i) + ',' + y(p.r.value));
      var dot = add('circle', { cx: x(i), cy: y(p.r.value), r: 3, class: 'dot' });
      var title = document.createElementNS(NS, 'title');
      title.textContent = p.day + ': ' + percent.format(p.r.value) + ' (' + count.format(p.r.numerator) + ' / ' + count.format(p.r.denominator) + ')';
      dot.appendChild(title);
    });
    flush();
    if (withData.length === 0) add('text', { x: (W - R + L) / 2, y: H / 2, 'text-anchor': 'middle' }, 'Chưa có dữ liệu trong 30 ngày · no data in 30 days');
    $('chart').textContent = '';
    $('chart').appendChild(svg);
  }

  function loadOverdue() {
    var agency = state.agency;
    var page = state.overduePage;
    return api('v1/dossiers/overdue?' + query({ agency: agency, page: page, pageSize: OVERDUE_PAGE_SIZE })).then(function (res) {
      if (agency !== state.agency || page !== state.overduePage) return;
      var tbody = document.querySelector('#overdue tbody');
      var note = $('overdue-note');
      tbody.textContent = '';
      // 404 for an unknown agency says so; any other 404 means this server has no overdue list yet.
      if (res.status === 404 && !(res.body && /^unknown agency/.test(String(res.body.message)))) {
        note.textContent = 'Danh sách hồ sơ quá hạn chưa có trên máy chủ này. The overdue list is not available on this server yet.';
        $('overdue-page').textContent = '';
        $('overdue-prev').disabled = true;
        $('overdue-next').disabled = true;
        return;
      }
      if (res.status !== 200) { note.textContent = 'Không tải được danh sách (' + res.status + ').'; return; }
      var b = res.body;
      var pages = Math.max(1, Math.ceil(b.total / b.pageSize));
      if (b.page > pages && page > 1) { state.overduePage = pages; return loadOverdue(); }
      note.textContent = b.total === 0 ? 'Không có hồ sơ quá hạn. No overdue dossier.' : count.format(b.total) + ' hồ sơ quá hạn · overdue dossiers';
      b.items.forEach(function (d) {
        var tr = el('tr');
        tr.dataset.dossier = d.dossier;
        tr.appendChild(el('td', '', d.dossier));
        tr.appendChild(el('td', '', d.agency));
        tr.appendChild(el('td', '', d.procedureCode || '–'));
        tr.appendChild(el('td', '', CHANNELS[d.channel] || d.channel || '–'));
        tr.appendChild(el('td', '', d.receivedAt ? dateTime.format(new Date(d.receivedAt)) : '–'));
        tr.appendChild(el('td', '', d.dueAt ? dateTime.format(new Date(d.dueAt)) : '–'));
        tr.appendChild(el('td', 'num', count.format(d.overdueDays)));
        tbody.appendChild(tr);
      });
      $('overdue-page').textContent = 'Trang ' + b.page + ' / ' + pages;
      $('overdue-prev').disabled = b.page <= 1;
      $('overdue-next').disabled = b.page >= pages;
    });
  }

  // ---------- boot ----------

  state.key = readKey();
  if (state.key) start();
  else forgetKey('');
})();
