'use client';
import { useEffect, useState } from 'react';
import type { DeskLocale } from '@/lib/desk-i18n';

const KEY = 'alap:desk-locale';

/** The desk's language as the person last chose it (English until the page has read it). */
export function useDeskLocale() {
  const [locale, setLocale] = useState<DeskLocale>('en');
  useEffect(() => {
    const saved = localStorage.getItem(KEY);
    if (saved === 'bn' || saved === 'en') setLocale(saved);
  }, []);
  const choose = (next: DeskLocale) => {
    setLocale(next);
    localStorage.setItem(KEY, next);
  };
  return [locale, choose] as const;
}
