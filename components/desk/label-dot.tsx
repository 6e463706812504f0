'use client';
import { useMemo } from 'react';
import styles from './desk.module.css';

/** Label name → colour, from the workspace's label catalogue (the directory; refetched on `labels:changed`). */
export function useLabelColors(labels: { name: string; color: string }[] | undefined) {
  return useMemo(() => new Map((labels ?? []).map((l) => [l.name, l.color])), [labels]);
}

/** The label's colour as a dot in front of its name. */
export function LabelDot({ color }: { color: string | undefined }) {
  return <span className={styles.labelDot} style={{ background: color ?? 'var(--muted)' }} data-testid="label-dot" aria-hidden />;
}
