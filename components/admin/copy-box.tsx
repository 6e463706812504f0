'use client';
import { useState } from 'react';
import styles from '@/components/account/account.module.css';
import a from './admin.module.css';

/** Something the admin copies elsewhere (a link, a secret, an embed snippet), with a copy button. */
export function CopyBox(props: { label: string; text: string; copy: string; copied: string; testId: string; block?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className={styles.card} role="status" data-testid={props.testId}>
      <p className={styles.small}>{props.label}</p>
      {props.block ? (
        <pre className={`${a.code} ${a.codeWrap}`} data-testid={`${props.testId}-text`}>
          {props.text}
        </pre>
      ) : (
        <code className={styles.secret} data-testid={`${props.testId}-text`}>
          {props.text}
        </code>
      )}
      <div className={styles.row}>
        <button type="button" className={styles.secondary} onClick={() => void navigator.clipboard?.writeText(props.text).then(() => setCopied(true))}>
          {copied ? props.copied : props.copy}
        </button>
      </div>
    </div>
  );
}
