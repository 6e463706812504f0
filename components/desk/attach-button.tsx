'use client';
import { useRef, useState } from 'react';
import type { DeskDict } from '@/lib/desk-i18n';
import { uploadFile } from '@/lib/upload';
import styles from './desk.module.css';

const newClientId = () => `file-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Sends a file into the conversation: checked and virus-scanned by the server, then shown as a message to both sides. */
export function AttachButton({ t, conversationId }: { t: DeskDict; conversationId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept="image/jpeg,image/png,image/webp,image/gif,application/pdf,.docx,.xlsx,.pptx,.odt,.ods"
        data-testid="desk-file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setError(null);
          setProgress(0);
          const r = await uploadFile({ conversationId, clientId: newClientId(), file, onProgress: setProgress });
          setProgress(null);
          if (!r.ok) setError(r.message);
        }}
      />
      <button type="button" className={styles.linkButton} onClick={() => input.current?.click()} disabled={progress !== null} data-testid="desk-attach" title={t.attachHint}>
        <svg width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" style={{ verticalAlign: '-2px', marginRight: 4 }}>
          <path d="M20 11.5l-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
        </svg>
        {progress === null ? t.attach : `${Math.round(progress * 100)}%`}
      </button>
      {error && (
        <span role="alert" className={styles.error} data-testid="desk-upload-error">
          {error}
        </span>
      )}
    </>
  );
}
