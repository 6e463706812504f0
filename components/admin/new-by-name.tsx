'use client';
import { useState } from 'react';
import styles from '@/components/account/account.module.css';
import { adminErrorText } from '@/lib/admin-errors';
import type { AdminDict } from '@/lib/admin-i18n';

/** The "new team / vendor / calendar" card: a name and a button; the name clears once created. */
export function NewByName(props: { t: AdminDict; id: string; title: string; help?: string; label: string; button: string; maxLength: number; create: (name: string) => Promise<unknown> }) {
  const { t } = props;
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    props
      .create(name)
      .then(() => setName(''))
      .catch((err: Error) => setError(adminErrorText(t.locale, err.message)))
      .finally(() => setPending(false));
  };
  return (
    <section className={styles.card} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.help && <p className={styles.small}>{props.help}</p>}
      <form className={styles.row} onSubmit={submit}>
        <label className={styles.field}>
          {props.label}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={props.maxLength} />
        </label>
        <button type="submit" className={styles.primary} disabled={pending || !name.trim()} style={{ alignSelf: 'flex-end' }}>
          {props.button}
        </button>
      </form>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </section>
  );
}
