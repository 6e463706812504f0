'use client';

import { type CSSProperties, useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { formatNumber, formatTaka } from '@/lib/format';
import { fill, widgetDictionaries, type WidgetDict } from '@/lib/widget-i18n';
import { Composer } from './composer';
import { CsatForm } from './csat-form';
import { MessageList } from './message-list';
import { Avatar, BagIcon, BoxIcon, CheckCircleIcon, CloseIcon, LockIcon, MoonIcon, WifiOffIcon } from './parts';
import { PrechatForm } from './prechat-form';
import { WidgetController, type WidgetSnapshot } from './widget-controller';
import s from './widget.module.css';

const DEFAULT_BRAND = '#0f766e';

/** Only colours CSS can't be tricked with (the value lands in a style attribute). */
function brandColor(c: string | undefined): string {
  return c && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(c) ? c : DEFAULT_BRAND;
}

/** White or near-black text, whichever reads better on the brand colour (WCAG relative luminance). */
function onBrand(hex: string): string {
  const h = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return lum > 0.4 ? '#111827' : '#ffffff';
}

export function WidgetApp({ widgetKey }: { widgetKey: string }) {
  const [ctl] = useState(() => new WidgetController(widgetKey));
  const snap = useSyncExternalStore(ctl.subscribe, ctl.getSnapshot, ctl.getSnapshot);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    ctl.start();
    return () => ctl.stop();
  }, [ctl]);

  const t = widgetDictionaries[snap.locale];
  const color = brandColor(snap.config?.color);
  const style = { '--brand': color, '--on-brand': onBrand(color) } as CSSProperties;

  // Focus the composer when the panel opens, on devices with a mouse (on phones it would pop the keyboard up).
  useEffect(() => {
    if (snap.visible && window.matchMedia?.('(pointer: fine)').matches) inputRef.current?.focus({ preventScroll: true });
  }, [snap.visible]);

  return (
    <div className={s.root} style={style} lang={snap.locale} data-testid="widget-root" data-phase={snap.booted ? snap.phase : 'boot'}>
      <Header snap={snap} t={t} ctl={ctl} />
      <Notices snap={snap} t={t} />
      {snap.phase === 'ready' && snap.context && <ContextCard snap={snap} t={t} />}
      {!snap.booted || snap.phase === 'loading' ? (
        <div className={s.center} aria-busy="true">
          <div className={s.spinner} />
          <span className={s.srOnly}>{t.loading}</span>
        </div>
      ) : snap.phase === 'error' ? (
        <ErrorView snap={snap} t={t} ctl={ctl} />
      ) : (
        <Conversation snap={snap} t={t} ctl={ctl} inputRef={inputRef} />
      )}
    </div>
  );
}

type PartProps = { snap: WidgetSnapshot; t: WidgetDict; ctl: WidgetController };

function Header({ snap, t, ctl }: PartProps) {
  const cfg = snap.config;
  const agent = snap.queue && !snap.resolved ? snap.queue.assigneeName : null;
  const online = cfg ? cfg.isOnline : true;
  return (
    <header className={s.header}>
      <div className={s.headerMain}>
        {agent ? (
          <div className={s.headerMain} data-testid="widget-header-agent">
            <Avatar name={agent} url={snap.queue?.assigneeAvatarUrl} large />
            <div className={s.headerText}>
              <h1 className={s.title}>{agent}</h1>
              <p className={s.subtitle}>
                <span className={s.dot} aria-hidden="true" />
                {cfg?.name ?? t.agentSubtitle}
              </p>
            </div>
          </div>
        ) : (
          <>
            <Avatar name={cfg?.name ?? 'Alap'} large brand />
            <div className={s.headerText}>
              <h1 className={s.title}>{cfg?.name ?? t.chatTitle}</h1>
              {cfg && (
                <p className={s.subtitle}>
                  <span className={`${s.dot} ${online ? '' : s.dotOff}`} aria-hidden="true" />
                  {online ? t.onlineSubtitle : t.offlineSubtitle}
                </p>
              )}
            </div>
          </>
        )}
      </div>
      <button
        type="button"
        className={s.headerButton}
        data-testid="widget-lang-toggle"
        lang={snap.locale === 'en' ? 'bn' : 'en'}
        title={t.switchLanguage}
        onClick={() => ctl.setLocale(snap.locale === 'en' ? 'bn' : 'en')}
      >
        {t.langButton}
      </button>
      {snap.framed && (
        <button type="button" className={`${s.headerButton} ${s.iconButton}`} aria-label={t.close} title={t.close} onClick={() => ctl.close()}>
          <CloseIcon />
        </button>
      )}
    </header>
  );
}

function Notices({ snap, t }: { snap: WidgetSnapshot; t: WidgetDict }) {
  const ready = snap.booted && snap.phase === 'ready';
  const network = snap.booted && snap.connection === 'offline';
  const hours = ready && snap.config?.isOnline === false;
  const connecting = ready && !network && snap.connection === 'connecting';
  return (
    <div className={s.notices} role="status">
      {(network || hours) && (
        <div className={`${s.notice} ${s.noticeOffline}`} data-testid="widget-offline-banner" data-reason={[network && 'network', hours && 'hours'].filter(Boolean).join(' ')}>
          {network ? <WifiOffIcon /> : <MoonIcon />}
          <div>
            {network && <div>{t.networkOffline}</div>}
            {hours && <div data-testid="widget-offline-text">{(snap.locale === 'bn' ? snap.config?.offlineTextBn : snap.config?.offlineTextEn) || t.offlineHours}</div>}
          </div>
        </div>
      )}
      {connecting && (
        <div className={`${s.notice} ${s.noticeConnecting}`} data-testid="widget-connecting">
          {t.connecting}
        </div>
      )}
    </div>
  );
}

function ContextCard({ snap, t }: { snap: WidgetSnapshot; t: WidgetDict }) {
  const c = snap.context!;
  const title = c.title ?? (c.type === 'order' ? `${t.order} ${c.id}` : c.id);
  const price = c.priceBdt != null ? formatTaka(c.priceBdt, snap.locale) : null;
  return (
    <div className={s.context} data-testid="widget-context">
      <span className={s.contextIcon} aria-hidden="true">
        {c.type === 'order' ? <BoxIcon /> : <BagIcon />}
      </span>
      <div className={s.contextText}>
        <span className={s.contextLabel}>{t.askingAbout}:</span>
        {c.url ? (
          <a className={s.contextTitle} href={c.url} target="_blank" rel="noopener noreferrer" dir="auto">
            {title}
            {price && <span className={s.contextPrice}> · {price}</span>}
          </a>
        ) : (
          <span className={s.contextTitle} dir="auto">
            {title}
            {price && <span className={s.contextPrice}> · {price}</span>}
          </span>
        )}
      </div>
    </div>
  );
}

function ErrorView({ snap, t, ctl }: PartProps) {
  const kind = snap.errorKind;
  const text = kind === 'signin' ? t.errSignIn : kind === 'notfound' ? t.errNotFound : kind === 'ratelimit' ? t.errTooMany : t.errGeneric;
  return (
    <div className={s.center} role="alert" data-testid="widget-error" data-kind={kind ?? undefined}>
      {kind === 'signin' && <LockIcon />}
      <p>{text}</p>
      {(kind === 'generic' || kind === 'ratelimit') && (
        <button type="button" className={s.primary} onClick={() => ctl.retry()}>
          {t.tryAgain}
        </button>
      )}
    </div>
  );
}

function Conversation({ snap, t, ctl, inputRef }: PartProps & { inputRef: React.RefObject<HTMLTextAreaElement | null> }) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const cfg = snap.config!;
  const greeting = (snap.locale === 'bn' ? cfg.greetingBn : cfg.greetingEn) || null;
  const consent = (snap.locale === 'bn' ? cfg.consentNoticeBn || cfg.consentNoticeEn : cfg.consentNoticeEn || cfg.consentNoticeBn) || null;
  const position = !snap.resolved && snap.queue && !snap.queue.assigneeName && typeof snap.queue.position === 'number' ? snap.queue.position : null;
  const last = snap.messages[snap.messages.length - 1];
  const lastKey = last?.key;
  const ownSending = last?.sender === 'contact' && last.state === 'sending';
  const typingName = snap.agentTyping ? snap.agentTyping.name : undefined;

  // Stick to the bottom while the customer is there; a new own message always scrolls down.
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    // The pre-chat form of a first visit reads top-down; anything else is a chat, read at the bottom.
    if (snap.showPrechat && snap.messages.length === 0) return;
    if (atBottom.current || ownSending) el.scrollTop = el.scrollHeight;
  }, [snap.messages.length, lastKey, ownSending, typingName, position, snap.resolved, snap.showPrechat]);

  const onRetry = useCallback((id: string) => ctl.retrySend(id), [ctl]);
  const onDelete = useCallback((id: string) => ctl.deleteFailed(id), [ctl]);
  const onSend = useCallback((text: string) => ctl.send(text), [ctl]);
  const onDraft = useCallback((text: string) => ctl.onDraftChange(text), [ctl]);

  return (
    <>
      <main
        ref={bodyRef}
        className={s.body}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
      >
        <MessageList t={t} locale={snap.locale} messages={snap.messages} greeting={greeting} brandName={cfg.name} onRetry={onRetry} onDelete={onDelete} />
        {consent && snap.messages.length === 0 && (
          <p className={s.consent} role="note" data-testid="widget-consent" dir="auto">
            {consent}
            {cfg.privacyUrl && (
              <>
                {' '}
                <a href={cfg.privacyUrl} target="_blank" rel="noopener noreferrer">
                  {t.privacyPolicy}
                </a>
              </>
            )}
          </p>
        )}
        {snap.showPrechat && (
          <PrechatForm
            t={t}
            contact={snap.contact}
            offline={!cfg.isOnline}
            fields={cfg.prechatFields ?? ['name', 'phone', 'email']}
            serverError={snap.prechatError}
            onSubmit={(p) => ctl.submitPrechat(p)}
          />
        )}
        {position !== null && (
          <div className={s.status} data-testid="widget-queue" role="status">
            {fill(t.queuePosition, { n: formatNumber(position, snap.locale) })}
            {snap.queue?.etaSeconds !== undefined && (
              <span data-testid="widget-queue-eta">
                {' · '}
                {snap.queue.etaSeconds === null
                  ? t.queueNoAgents
                  : fill(t.queueEta, { m: formatNumber(Math.max(1, Math.round(snap.queue.etaSeconds / 60)), snap.locale) })}
              </span>
            )}
          </div>
        )}
        {snap.agentTyping && (
          <div className={s.typing} data-testid="widget-typing">
            <span className={s.typingDots} aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            <span>{snap.agentTyping.name ? fill(t.typing, { name: snap.agentTyping.name }) : t.someoneTyping}</span>
          </div>
        )}
      </main>
      {snap.resolved ? (
        <div className={s.footer}>
          <div className={s.resolved} data-testid="widget-resolved" role="status">
            <p>
              <CheckCircleIcon /> <span style={{ verticalAlign: 'top' }}>{t.resolved}</span>
            </p>
            <CsatForm key={snap.conversationId ?? ''} ctl={ctl} t={t} locale={snap.locale} given={snap.queue?.csat ?? null} />
            <button
              type="button"
              className={s.primary}
              onClick={() => {
                ctl.startNewConversation();
                setTimeout(() => inputRef.current?.focus(), 0);
              }}
            >
              {t.newConversation}
            </button>
          </div>
        </div>
      ) : snap.showPrechat ? null : (
        <div className={s.footer}>
          <Composer
            t={t}
            locale={snap.locale}
            onSend={onSend}
            onDraft={onDraft}
            inputRef={inputRef}
            onAttach={snap.conversationId && !snap.resolved ? (f) => void ctl.sendFile(f) : undefined}
            upload={snap.upload}
            uploadError={snap.uploadError}
            onDismissUploadError={() => ctl.dismissUploadError()}
          />
        </div>
      )}
    </>
  );
}
