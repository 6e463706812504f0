// Small presentational pieces of the widget: icons, avatar, receipt tick, linkified text.
import type { ReactNode } from 'react';
import type { MessageState } from './message-store';
import s from './widget.module.css';

const svg = { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

export const CloseIcon = () => (
  <svg {...svg}>
    <path d="M6 6l12 12M18 6 6 18" />
  </svg>
);
export const SendIcon = () => (
  <svg {...svg}>
    <path d="M5 12h13M12 5l7 7-7 7" />
  </svg>
);
export const ClipIcon = () => (
  <svg {...svg}>
    <path d="M20 11.5l-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
  </svg>
);
export const BagIcon = () => (
  <svg {...svg}>
    <path d="M6 8h12l-1 12H7L6 8z" />
    <path d="M9 8V6a3 3 0 0 1 6 0v2" />
  </svg>
);
export const BoxIcon = () => (
  <svg {...svg}>
    <path d="M3 7l9-4 9 4-9 4-9-4z" />
    <path d="M3 7v10l9 4 9-4V7M12 11v10" />
  </svg>
);
export const CheckCircleIcon = () => (
  <svg {...svg} width="20" height="20">
    <circle cx="12" cy="12" r="9" />
    <path d="M8 12.5l2.5 2.5L16 9.5" />
  </svg>
);
export const LockIcon = () => (
  <svg {...svg} width="32" height="32">
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V8a4 4 0 0 1 8 0v3" />
  </svg>
);
export const WifiOffIcon = () => (
  <svg {...svg} width="16" height="16" style={{ flex: 'none', marginTop: 2 }}>
    <path d="M2 2l20 20M8.5 16.5a5 5 0 0 1 7 0M5 12.9a10 10 0 0 1 5.2-2.8M14 10.2a10 10 0 0 1 5 2.7M2 8.8a15 15 0 0 1 4.2-2.7M10.7 5.1A15 15 0 0 1 22 8.8M12 20h.01" />
  </svg>
);
export const MoonIcon = () => (
  <svg {...svg} width="16" height="16" style={{ flex: 'none', marginTop: 2 }}>
    <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
  </svg>
);

const palette = ['#0f766e', '#7c3aed', '#b45309', '#be123c', '#1d4ed8', '#047857', '#9333ea', '#c2410c'];

function initials(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (w: string | undefined) => (w ? (Array.from(w)[0] ?? '') : '');
  return (first(words[0]) + (words.length > 1 ? first(words[words.length - 1]) : '')).toUpperCase() || '?';
}

function colorOf(name: string) {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return palette[Math.abs(h) % palette.length]!;
}

export function Avatar({ name, url, large, brand }: { name: string | null; url?: string | null; large?: boolean; brand?: boolean }) {
  const cls = `${s.avatar} ${large ? s.avatarLarge : ''}`;
  if (url && /^(https?:|\/)/.test(url)) {
    // A plain <img>: next/image would add JS to the widget bundle for a 28px avatar.
    return <img className={cls} src={url} alt="" width={large ? 40 : 28} height={large ? 40 : 28} loading="lazy" decoding="async" />;
  }
  const n = name ?? '?';
  return (
    <span className={cls} style={{ background: brand ? 'rgba(255,255,255,0.22)' : colorOf(n) }} aria-hidden="true">
      {initials(n)}
    </span>
  );
}

export function ReceiptTick({ state, label }: { state: MessageState; label: string }) {
  const cls = `${s.tick} ${state === 'read' ? s.tickRead : ''} ${state === 'failed' ? s.tickFailed : ''}`;
  let path: ReactNode;
  if (state === 'sending') {
    path = (
      <>
        <circle cx="12" cy="12" r="8" />
        <path d="M12 8v4l2.5 2" />
      </>
    );
  } else if (state === 'sent') {
    path = <path d="M5 12.5l4.5 4.5L19 7.5" />;
  } else if (state === 'failed') {
    path = (
      <>
        <circle cx="12" cy="12" r="8" />
        <path d="M12 8v5M12 16h.01" />
      </>
    );
  } else {
    path = <path d="M2.5 12.5 7 17l9.5-9.5M11 16l1 1 9.5-9.5" />;
  }
  return (
    <span className={cls} role="img" aria-label={label} title={label}>
      <svg {...svg} aria-hidden={true}>
        {path}
      </svg>
    </span>
  );
}

const URL_RE = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

/** Text with http(s) links made clickable (opened outside the iframe). Everything else stays plain text. */
export function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <a key={i} href={p} target="_blank" rel="noopener noreferrer nofollow">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </>
  );
}
