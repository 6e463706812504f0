'use client';

import { type FormEvent, useRef, useState } from 'react';
import { toAsciiDigits } from '@/lib/format';
import type { WidgetDict } from '@/lib/widget-i18n';
import { isEmail, PHONE_RE } from './message-store';
import type { WidgetContact } from './session-client';
import s from './widget.module.css';

type Errors = { name?: string; email?: string; phone?: string; contact?: string };

export function PrechatForm(props: {
  t: WidgetDict;
  contact: WidgetContact | null;
  offline: boolean;
  /** The fields the widget asks for; offline, phone and email are always asked (to reply later). */
  fields: ('name' | 'phone' | 'email')[];
  serverError: string | null;
  onSubmit: (p: { name?: string; email?: string; phone?: string }) => void;
}) {
  const { t, contact, offline, serverError, onSubmit } = props;
  const askName = props.fields.includes('name');
  const askPhone = offline || props.fields.includes('phone');
  const askEmail = offline || props.fields.includes('email');
  const needContact = askPhone || askEmail;
  const [name, setName] = useState(contact?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    const em = email.trim();
    // Bengali keyboards type ০১৭…: the server wants ASCII digits.
    const ph = toAsciiDigits(phone.trim());
    const next: Errors = {};
    if (askName && !n) next.name = t.errName;
    if (askEmail && em && !isEmail(em)) next.email = t.errEmail;
    if (askPhone && ph && !PHONE_RE.test(ph)) next.phone = t.errPhone;
    if (needContact && !(askEmail && em) && !(askPhone && ph)) next.contact = askPhone && askEmail ? t.errContact : askPhone ? t.errPhone : t.errEmail;
    setErrors(next);
    if (next.name) return nameRef.current?.focus();
    if (next.phone || next.contact) return phoneRef.current?.focus();
    if (next.email) return emailRef.current?.focus();
    onSubmit({ ...(askName ? { name: n.slice(0, 120) } : {}), ...(askEmail && em ? { email: em } : {}), ...(askPhone && ph ? { phone: ph } : {}) });
  };

  const contactErr = errors.contact;
  return (
    <form className={s.prechat} onSubmit={submit} noValidate aria-describedby="alap-prechat-intro">
      <p id="alap-prechat-intro">{offline ? t.prechatOfflineIntro : t.prechatIntro}</p>
      {serverError && (
        <div className={s.error} role="alert">
          {serverError}
        </div>
      )}
      {askName && (
        <Field
          id="alap-name"
          label={t.name}
          inputRef={nameRef}
          testId="widget-prechat-name"
          value={name}
          onChange={setName}
          error={errors.name}
          describedBy={errors.name ? 'alap-name-err' : undefined}
          input={{ autoComplete: 'name', dir: 'auto', maxLength: 120, required: true }}
        />
      )}
      {askPhone && (
        <Field
          id="alap-phone"
          label={t.phone}
          inputRef={phoneRef}
          testId="widget-prechat-phone"
          value={phone}
          onChange={setPhone}
          error={errors.phone}
          invalid={!!contactErr}
          describedBy={errors.phone ? 'alap-phone-err' : contactErr ? 'alap-contact-err' : 'alap-contact-hint'}
          input={{ type: 'tel', inputMode: 'tel', autoComplete: 'tel', maxLength: 20 }}
        />
      )}
      {askEmail && (
        <Field
          id="alap-email"
          label={t.email}
          inputRef={emailRef}
          testId="widget-prechat-email"
          value={email}
          onChange={setEmail}
          error={errors.email}
          invalid={!!contactErr}
          describedBy={errors.email ? 'alap-email-err' : contactErr ? 'alap-contact-err' : 'alap-contact-hint'}
          input={{ type: 'email', inputMode: 'email', autoComplete: 'email', maxLength: 200 }}
        />
      )}
      {needContact && (
        <>
          {contactErr ? (
            <span id="alap-contact-err" className={s.error} role="alert">
              {contactErr}
            </span>
          ) : (
            askPhone &&
            askEmail && (
            <span id="alap-contact-hint" className={s.hint}>
              {t.phoneOrEmail}
            </span>
            )
          )}
        </>
      )}
      <button type="submit" className={s.primary} data-testid="widget-prechat-submit">
        {t.startChat}
      </button>
    </form>
  );
}

/** One labelled input with its error line; the three pre-chat fields differ only in these props. */
function Field(props: {
  id: string;
  label: string;
  inputRef: React.RefObject<HTMLInputElement | null>;
  testId: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  invalid?: boolean;
  describedBy?: string;
  input: React.InputHTMLAttributes<HTMLInputElement>;
}) {
  return (
    <div className={s.field}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        {...props.input}
        id={props.id}
        ref={props.inputRef}
        className={s.textField}
        data-testid={props.testId}
        value={props.value}
        aria-invalid={!!(props.error || props.invalid) || undefined}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <span id={`${props.id}-err`} className={s.error}>
          {props.error}
        </span>
      )}
    </div>
  );
}
