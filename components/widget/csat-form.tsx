'use client';

import { useState } from 'react';
import { formatNumber } from '@/lib/format';
import { fill, type WidgetDict } from '@/lib/widget-i18n';
import type { WidgetController } from './widget-controller';
import s from './widget.module.css';

/**
 * After resolution: five stars (a radio group, so arrow keys move between them), an optional comment, send.
 * Once rated it shows the rating with a way to change it.
 */
export function CsatForm({ ctl, t, locale, given }: { ctl: WidgetController; t: WidgetDict; locale: 'bn' | 'en'; given: { rating: number; comment: string | null } | null }) {
  const [editing, setEditing] = useState(false);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (given && !editing) {
    return (
      <div className={s.csat} data-testid="widget-csat-done" role="status">
        <p className={s.csatThanks}>{t.csatThanks}</p>
        <p>
          <span aria-hidden="true">{'★'.repeat(given.rating) + '☆'.repeat(5 - given.rating)}</span> {fill(t.csatYourRating, { n: formatNumber(given.rating, locale) })}{' '}
          <button
            type="button"
            className={s.linkButton}
            onClick={() => {
              setRating(given.rating);
              setComment(given.comment ?? '');
              setEditing(true);
            }}
          >
            {t.csatChange}
          </button>
        </p>
      </div>
    );
  }

  return (
    <form
      className={s.csat}
      data-testid="widget-csat"
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating || busy) return;
        setBusy(true);
        setError(null);
        void ctl.submitCsat(rating, comment.trim()).then((err) => {
          setBusy(false);
          if (err) setError(t.csatError);
          else setEditing(false);
        });
      }}
    >
      <fieldset className={s.csatStars}>
        <legend>{t.csatQuestion}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={n <= rating ? s.starOn : s.star} title={fill(t.csatStar, { n: formatNumber(n, locale) })}>
            <input type="radio" name="csat-rating" value={n} checked={rating === n} onChange={() => setRating(n)} aria-label={fill(t.csatStar, { n: formatNumber(n, locale) })} />
            <span aria-hidden="true">★</span>
          </label>
        ))}
      </fieldset>
      {rating > 0 && (
        <>
          <textarea
            className={s.csatComment}
            rows={2}
            maxLength={1000}
            placeholder={t.csatComment}
            aria-label={t.csatComment}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className={s.primary} disabled={busy} aria-busy={busy}>
            {t.csatSubmit}
          </button>
        </>
      )}
      {error && (
        <p role="alert" className={s.csatError}>
          {error}
        </p>
      )}
    </form>
  );
}
