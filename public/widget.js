/* Alap widget loader. Plain ES2017, no build; <=3KB gzip (scripts/widget-size.mjs) */
(function () {
  'use strict';
  var w = window, d = document;
  if (w.Alap && typeof w.Alap.open == 'function') return;

  var s = d.currentScript || d.querySelector('script[data-widget]');
  var key = s && s.getAttribute('data-widget');
  var base;
  try {
    base = key && new URL(s.src, location.href).origin;
  } catch (e) {}
  if (!base || base == 'null') return;

  var LABEL = 'Chat with us / আমাদের সাথে চ্যাট করুন';
  var cfg = w.AlapSettings || {};
  var locale = pick(cfg.locale) || pick(s.getAttribute('data-locale'));
  var customer = clean(cfg.customer);
  var context = clean(cfg.context);
  var preload = s.getAttribute('data-preload') == 'true';
  var open = false, want = false, ready = false;
  var btn, badge, frame, pro, proTimer, t0 = Date.now(), proKey = 'alap-pro:' + key;

  function pick(l) {
    return l == 'bn' || l == 'en' ? l : undefined;
  }

  // postMessage-safe copy
  function clean(v) {
    try {
      return v == null ? null : JSON.parse(JSON.stringify(v));
    } catch (e) {
      return null;
    }
  }

  function post(m) {
    if (ready && frame && frame.contentWindow) {
      try {
        frame.contentWindow.postMessage(m, base);
      } catch (e) {}
    }
  }

  function makeFrame() {
    if (frame) return;
    var q = new URLSearchParams();
    if (locale) q.set('locale', locale);
    q.set('origin', location.origin);
    frame = d.createElement('iframe');
    frame.id = 'alap-frame';
    frame.title = 'Alap chat';
    frame.setAttribute('allow', 'clipboard-write');
    frame.src = base + '/widget/' + encodeURIComponent(key) + '?' + q;
    d.body.appendChild(frame);
  }

  // proactive message: at most once per browser session, never after the chat was opened
  function seen() {
    try {
      return sessionStorage[proKey];
    } catch (e) {
      return 1;
    }
  }
  function mark() {
    try {
      sessionStorage[proKey] = 1;
    } catch (e) {}
  }
  function hidePro() {
    clearTimeout(proTimer);
    pro && pro.remove();
    pro = 0;
  }
  function proactive(m) {
    if (open || pro || seen()) return;
    clearTimeout(proTimer);
    proTimer = setTimeout(function () {
      if (open || seen()) return;
      mark();
      pro = d.createElement('div');
      pro.id = 'alap-proactive';
      pro.setAttribute('role', 'status');
      pro.innerHTML = '<button type=button></button><button type=button aria-label=Close>\u00d7</button>';
      pro.firstChild.textContent = ('' + m.text).slice(0, 300);
      pro.firstChild.onclick = function () {
        show(true, 1);
      };
      pro.lastChild.onclick = hidePro;
      d.body.appendChild(pro);
    }, (+m.delayMs || 0) - (Date.now() - t0));
  }

  // focus only on user-initiated opens
  function show(v, focus) {
    v = !!v;
    if (!btn) return void (want = v);
    if (v) {
      makeFrame();
      hidePro();
      mark();
    }
    if (v != open) {
      open = v;
      frame && (frame.className = btn.className = v ? 'alap-open' : '');
      btn.setAttribute('aria-expanded', v);
      if (!v && d.activeElement == frame) btn.focus();
      post({ type: 'alap:visibility', open: v });
    }
    if (v && focus) frame.focus();
  }

  function unread(n) {
    n = Math.max(0, Math.floor(n) || 0);
    badge.textContent = n > 9 ? '9+' : n;
    badge.style.display = n ? '' : 'none';
    btn.setAttribute('aria-label', n ? LABEL + ' (' + n + ')' : LABEL);
  }

  function onMessage(e) {
    if (e.origin !== base || !frame || e.source !== frame.contentWindow) return;
    var m = e.data, t = m && typeof m == 'object' && m.type;
    if (t == 'alap:ready') {
      ready = true;
      post({ type: 'alap:init', customer: customer, context: context, locale: locale, pageUrl: location.href, open: open });
    } else if (t == 'alap:unread') unread(m.count);
    else if (t == 'alap:close') show(false);
    else if (t == 'alap:open') show(true);
    else if (t == 'alap:proactive') proactive(m);
  }

  function mount() {
    var L = '#alap-launcher', F = '#alap-frame', P = '#alap-proactive', st = d.createElement('style');
    st.textContent =
      L + '{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;background:#006a4e;color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.3)}' +
      L + ':focus-visible{outline:3px solid #111;outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
      L + ' svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round}' +
      L + ' .x,' + L + '.alap-open .c{display:none}' + L + '.alap-open .x{display:block}' +
      L + ' span{all:initial;position:absolute;top:-2px;right:-2px;min-width:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#c8102e;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}' +
      F + '{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:380px;height:600px;max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);border:0;border-radius:16px;background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.25);visibility:hidden;opacity:0;transform:translateY(12px);transition:opacity .2s,transform .2s,visibility 0s .2s}' +
      F + '.alap-open{visibility:visible;opacity:1;transform:none;transition:opacity .2s,transform .2s}' +
      '@media (max-width:479px){' + F + '{top:0;left:0;right:0;bottom:0;width:100vw;height:100vh;height:100dvh;max-width:none;max-height:none;border-radius:0;z-index:2147483001}}' +
      '@media (prefers-reduced-motion:reduce){' + F + '{transition:none}}' +
      P + '{all:initial;position:fixed;right:20px;bottom:88px;z-index:2147483000;display:flex;max-width:min(300px,calc(100vw - 40px));background:#fff;border-radius:12px;box-shadow:0 4px 14px rgba(0,0,0,.3)}' +
      P + ' button{all:initial;cursor:pointer;font:15px/1.4 system-ui,sans-serif;color:#1f2328;padding:12px}' +
      P + ' button:focus-visible{outline:3px solid #111;outline-offset:-3px}';
    (d.head || d.body).appendChild(st);

    btn = d.createElement('button');
    btn.id = 'alap-launcher';
    btn.type = 'button';
    btn.setAttribute('aria-controls', 'alap-frame');
    btn.setAttribute('aria-expanded', 'false');
    btn.innerHTML =
      '<svg class="c" viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-5A8 8 0 1 1 21 12z"/></svg>' +
      '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg><span aria-hidden="true"></span>';
    badge = btn.lastChild;
    btn.onclick = function () {
      show(!open, 1);
    };
    d.body.appendChild(btn);
    unread(0);

    w.addEventListener('message', onMessage);
    d.addEventListener('keydown', function (e) {
      if (open && (e.key == 'Escape' || e.key == 'Esc')) show(false);
    });
    if (preload) makeFrame();
    // the chat loads in the background only where a proactive message may show
    else if (!seen() && w.fetch)
      fetch(base + '/api/widget/' + encodeURIComponent(key) + '/loader')
        .then(function (r) {
          return r.json();
        })
        .then(function (c) {
          c && c.proactive && !seen() && makeFrame();
        })
        .catch(function () {});
    if (want) show(true, 1);
  }

  w.Alap = {
    open: function () {
      show(true, 1);
    },
    close: function () {
      show(false);
    },
    toggle: function () {
      show(!open, 1);
    },
    setContext: function (c) {
      post({ type: 'alap:context', context: (context = clean(c)) });
    },
    identify: function (c) {
      post({ type: 'alap:identify', customer: (customer = clean(c)) });
    }
  };

  if (d.body) mount();
  else d.addEventListener('DOMContentLoaded', mount);
})();
