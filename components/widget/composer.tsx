'use client';

import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { formatNumber } from '@/lib/format';
import { fill, type WidgetDict, type WidgetLocale } from '@/lib/widget-i18n';
import { MAX_MESSAGE_LENGTH } from './message-store';
import { ClipIcon, SendIcon } from './parts';
import s from './widget.module.css';

const WARN_AT = MAX_MESSAGE_LENGTH - 300;

export function Composer(props: {
  t: WidgetDict;
  locale: WidgetLocale;
  onSend: (text: string) => boolean;
  onDraft: (text: string) => void;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Files: only once the conversation exists (after the first message). */
  onAttach?: (file: File) => void;
  upload?: { name: string; progress: number } | null;
  uploadError?: string | null;
  onDismissUploadError?: () => void;
}) {
  const { t, locale, onSend, onDraft, inputRef, onAttach, upload, uploadError, onDismissUploadError } = props;
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const composing = useRef(false);

  // Same measure as the server: NFC, trimmed, UTF-16 length.
  const length = text.length > WARN_AT - 50 ? text.normalize('NFC').trim().length : text.trim().length;
  const over = length > MAX_MESSAGE_LENGTH;
  const canSend = length > 0 && !over;

  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 132)}px`;
  }, [text, inputRef]);

  const submit = () => {
    if (!canSend) return;
    if (onSend(text)) setText('');
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229 / isComposing: Enter that confirms a Bengali (or any IME) composition must not send.
    if (e.key === 'Enter' && !e.shiftKey && !composing.current && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  };

  const counter =
    length > WARN_AT ? (
      <div id="alap-counter" className={`${s.counter} ${over ? s.counterOver : ''}`}>
        {over
          ? fill(t.tooLong, { n: formatNumber(length, locale), max: formatNumber(MAX_MESSAGE_LENGTH, locale) })
          : fill(t.charsLeft, { n: formatNumber(MAX_MESSAGE_LENGTH - length, locale) })}
      </div>
    ) : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {counter}
      {upload && (
        <div className={s.uploadLine} role="status" data-testid="widget-upload">
          {fill(t.uploading, { name: upload.name, n: formatNumber(Math.round(upload.progress * 100), locale) })}
          <progress max={1} value={upload.progress} />
        </div>
      )}
      {uploadError && (
        <div className={s.uploadError} role="alert" data-testid="widget-upload-error">
          <span>{uploadError}</span>
          <button type="button" onClick={onDismissUploadError} aria-label={t.dismiss}>
            ×
          </button>
        </div>
      )}
      <div className={s.composer}>
        {onAttach && (
          <>
            <input
              ref={fileRef}
              type="file"
              hidden
              accept="image/jpeg,image/png,image/webp,image/gif,application/pdf,.docx,.xlsx,.pptx,.odt,.ods"
              data-testid="widget-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) onAttach(f);
              }}
            />
            <button type="button" className={s.attach} data-testid="widget-attach" aria-label={t.attach} title={t.attach} disabled={!!upload} onClick={() => fileRef.current?.click()}>
              <ClipIcon />
            </button>
          </>
        )}
        <label htmlFor="alap-input" className={s.srOnly}>
          {t.messageLabel}
        </label>
        <textarea
          id="alap-input"
          ref={inputRef}
          data-testid="widget-input"
          className={s.input}
          rows={1}
          dir="auto"
          value={text}
          placeholder={t.placeholder}
          enterKeyHint="send"
          autoComplete="off"
          aria-invalid={over || undefined}
          aria-describedby={counter ? 'alap-counter' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            onDraft(e.target.value);
          }}
          onCompositionStart={() => (composing.current = true)}
          onCompositionEnd={() => (composing.current = false)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className={s.send} data-testid="widget-send" aria-label={t.send} title={t.send} disabled={!canSend}>
          <SendIcon />
        </button>
      </div>
    </form>
  );
}
