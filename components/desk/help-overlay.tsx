'use client';
import { useEffect, useRef } from 'react';
import type { DeskDict } from '@/lib/desk-i18n';
import styles from './desk.module.css';

const shortcuts: [string, string][] = [
  ['j / ↓', 'Next conversation'],
  ['k / ↑', 'Previous conversation'],
  ['1 2 3 4', 'Unassigned · Mine · My teams · All'],
  ['/ · Ctrl+K', 'Search messages, customers, products and orders'],
  ['r', 'Reply'],
  ['n', 'Private note'],
  ['/ (in the reply box)', 'Canned response'],
  ['Tab', 'Insert the first suggested reply (empty reply box) · on a suggestion: insert it'],
  ['Enter', 'Send · Shift+Enter for a new line'],
  ['a', 'Assign to me'],
  ['e', 'Resolve'],
  ['Esc', 'Leave the text box · close this help'],
  ['?', 'Show or hide this help'],
];

export function HelpOverlay({ t, onClose }: { t: DeskDict; onClose: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className={styles.overlay} role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={onClose}>
      <div className={styles.dialog} onClick={(e) => e.stopPropagation()} data-testid="help-overlay">
        <h2 id="help-title">{t.shortcuts}</h2>
        <table>
          <tbody>
            {shortcuts.map(([k, d]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{d}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={ref} className={styles.secondary} onClick={onClose}>
          {t.close}
        </button>
      </div>
    </div>
  );
}
