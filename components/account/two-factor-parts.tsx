'use client';
import { useState } from 'react';
import type { AccountDict } from '@/lib/account-i18n';
import styles from './account.module.css';

/** A QR code (an SVG made by the server from the otpauth:// URI) and the same secret as text, in groups of four. */
export function TotpQr({ t, setup }: { t: AccountDict; setup: { secret: string; qrSvg: string } }) {
  return (
    <div className={styles.qrBlock}>
      <img className={styles.qr} src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`} alt="QR" width={180} height={180} />
      <p className={styles.small}>
        {t.setupManual}
        <br />
        <code className={styles.secret} data-testid="totp-secret">
          {setup.secret.match(/.{1,4}/g)?.join(' ')}
        </code>
      </p>
    </div>
  );
}

/** A one-time code field: digits from the app, or a recovery code (letters and dashes). */
export function CodeInput({ label, value, onChange, autoFocus }: { label: string; value: string; onChange: (v: string) => void; autoFocus?: boolean }) {
  return (
    <label className={styles.field}>
      {label}
      <input
        name="one-time-code"
        autoComplete="one-time-code"
        inputMode="text"
        spellCheck={false}
        maxLength={40}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
        className={styles.codeInput}
      />
    </label>
  );
}

/** Recovery codes, shown once, with copy and download. */
export function RecoveryCodes({ t, codes, onDone }: { t: AccountDict; codes: string[]; onDone?: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');
  return (
    <section className={styles.codes} aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t.codesTitle}</h2>
      <p className={styles.small}>{t.codesHelp}</p>
      <ol className={styles.codeList} data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className={styles.row}>
        <button
          type="button"
          className={styles.secondary}
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? t.copied : t.copy}
        </button>
        <a className={styles.secondary} href={`data:text/plain;charset=utf-8,${encodeURIComponent(`Alap recovery codes\n\n${text}\n`)}`} download="alap-recovery-codes.txt">
          {t.download}
        </a>
        {onDone && (
          <button type="button" className={styles.primary} onClick={onDone} autoFocus>
            {t.savedContinue}
          </button>
        )}
      </div>
    </section>
  );
}
