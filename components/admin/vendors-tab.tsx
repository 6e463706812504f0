'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Papa from 'papaparse';
import { useState } from 'react';
import styles from '@/components/account/account.module.css';
import type { RouterOutputs } from '@/components/desk/types';
import { type AdminDict, fillText } from '@/lib/admin-i18n';
import { type CatalogueRow, MAX_IMPORT_ROWS, mapHeaders, type RowProblem } from '@/lib/catalogue-import';
import type { DeskLocale } from '@/lib/desk-i18n';
import { formatTaka } from '@/lib/format';
import { adminErrorText } from '@/lib/admin-errors';
import { useTRPC } from '@/lib/trpc';
import a from './admin.module.css';
import { CopyBox } from './copy-box';
import { NewByName } from './new-by-name';

type Vendor = RouterOutputs['admin']['vendors'][number];
const CHUNK = 250;
// Requests stay well under the API's 256 KB body limit, however long the cells.
const CHUNK_BYTES = 120_000;

function* chunks(rows: CatalogueRow[]) {
  let cur: CatalogueRow[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = JSON.stringify(r).length * 2;
    if (cur.length && (cur.length >= CHUNK || bytes + size > CHUNK_BYTES)) {
      yield cur;
      cur = [];
      bytes = 0;
    }
    cur.push(r);
    bytes += size;
  }
  if (cur.length) yield cur;
}
const SAMPLE_CSV = 'sku,title,title_bn,price,category,image_url\nSKU-2001,Cotton tant saree,সুতি তাঁতের শাড়ি,"৳1,450",Saree,https://cdn.example.com/tant.jpg\n';

/** /admin#vendors: marketplace sellers, their staff (invited with the vendor role) and their catalogue. */
export function VendorsTab({ t, locale }: { t: AdminDict; locale: DeskLocale }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.admin.vendors.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.vendors.queryKey() });
  const create = useMutation(trpc.admin.createVendor.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <>
      <NewByName t={t} id="new-vendor" title={t.newVendor} label={t.vendorName} button={t.createVendor} maxLength={80} create={(name) => create.mutateAsync({ name })} />
      <ul className={styles.sessions} data-testid="vendors">
        {list.data?.map((v) => <VendorItem key={v.id} t={t} locale={locale} vendor={v} onChange={refresh} />)}
      </ul>
    </>
  );
}

function VendorItem({ t, locale, vendor, onChange }: { t: AdminDict; locale: DeskLocale; vendor: Vendor; onChange: () => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState(vendor.name);
  const [open, setOpen] = useState<'staff' | 'catalogue' | null>(null);
  const rename = useMutation(trpc.admin.renameVendor.mutationOptions({ onSuccess: onChange }));
  return (
    <li className={styles.card} data-testid="vendor" data-name={vendor.name}>
      <div className={styles.row}>
        <label className={styles.field}>
          {t.vendorName}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </label>
        {name.trim() !== vendor.name && (
          <button type="button" className={styles.primary} style={{ alignSelf: 'flex-end' }} onClick={() => rename.mutate({ vendorId: vendor.id, name })}>
            {t.save}
          </button>
        )}
        <span className={styles.small} style={{ alignSelf: 'flex-end' }}>
          {fillText(t.vendorCounts, { staff: vendor.staff, products: vendor.products })}
        </span>
      </div>
      {rename.error && (
        <p role="alert" className={styles.error}>
          {adminErrorText(t.locale, rename.error.message)}
        </p>
      )}
      <div className={styles.row}>
        <button type="button" className={open === 'staff' ? styles.primary : styles.secondary} aria-expanded={open === 'staff'} onClick={() => setOpen(open === 'staff' ? null : 'staff')}>
          {t.vendorStaff}
        </button>
        <button type="button" className={open === 'catalogue' ? styles.primary : styles.secondary} aria-expanded={open === 'catalogue'} onClick={() => setOpen(open === 'catalogue' ? null : 'catalogue')}>
          {t.catalogue}
        </button>
      </div>
      {open === 'staff' && <Staff t={t} vendor={vendor} onChange={onChange} />}
      {open === 'catalogue' && <Catalogue t={t} locale={locale} vendor={vendor} onChange={onChange} />}
    </li>
  );
}

function Staff({ t, vendor, onChange }: { t: AdminDict; vendor: Vendor; onChange: () => void }) {
  const trpc = useTRPC();
  const staff = useQuery(trpc.admin.vendorStaff.queryOptions({ vendorId: vendor.id }));
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [link, setLink] = useState<{ email: string; path: string; emailed: boolean } | null>(null);
  const invite = useMutation(
    trpc.admin.invite.mutationOptions({
      onSuccess: (r) => {
        setLink({ email: email.trim().toLowerCase(), path: r.path, emailed: r.emailed });
        setEmail('');
        setName('');
        onChange();
      },
    }),
  );
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <div className={a.fieldset}>
      <ul className={a.list}>
        {staff.data?.map((s) => (
          <li key={s.id} className={a.item}>
            <span dir="auto">{s.name}</span> <span className={styles.small}>{s.email}</span> {!s.isActive && <span className={styles.badgeOff}>{t.deactivated}</span>}
          </li>
        ))}
        {staff.data?.length === 0 && <li className={styles.small}>{t.noStaff}</li>}
      </ul>
      <form className={styles.row} onSubmit={(e) => (e.preventDefault(), invite.mutate({ email, name: name || null, role: 'vendor', teamIds: [], vendorId: vendor.id }))}>
        <label className={styles.field}>
          {t.email}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
        </label>
        <label className={styles.field}>
          {t.name}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <button type="submit" className={styles.primary} disabled={invite.isPending} style={{ alignSelf: 'flex-end' }}>
          {t.inviteStaff}
        </button>
      </form>
      {invite.error && (
        <p role="alert" className={styles.error}>
          {adminErrorText(t.locale, invite.error.message)}
        </p>
      )}
      {link && <CopyBox label={fillText(t.linkReady, { email: link.email }) + (link.emailed ? ` ${t.alsoEmailed}` : '')} text={`${origin}${link.path}`} copy={t.copy} copied={t.copied} testId="vendor-invite-link" />}
    </div>
  );
}

type ImportState = { total: number; done: number; created: number; updated: number; problems: RowProblem[]; finished: boolean; error: string | null };

/** Reads the file in the browser, then sends its rows in chunks so the bar moves with the work done. */
function Catalogue({ t, locale, vendor, onChange }: { t: AdminDict; locale: DeskLocale; vendor: Vendor; onChange: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const items = useQuery(trpc.admin.vendorProducts.queryOptions({ vendorId: vendor.id, search }));
  const send = useMutation(trpc.admin.importProducts.mutationOptions());
  const [state, setState] = useState<ImportState | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const onFile = async (file: File) => {
    setFileError(null);
    setState(null);
    const text = await file.text();
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
    const [header, ...body] = parsed.data;
    if (!header) return setFileError(t.csvEmpty);
    const { columns, missing } = mapHeaders(header);
    if (missing.length) return setFileError(fillText(t.csvMissing, { columns: missing.join(', ') }));
    const cell = (r: string[], k: keyof typeof columns) => (columns[k] === undefined ? undefined : (r[columns[k]!] ?? '').toString());
    const rows: CatalogueRow[] = [];
    body.forEach((r, i) => {
      if (r.every((c) => !c?.trim())) return;
      rows.push({ line: i + 2, sku: cell(r, 'sku') ?? '', title: cell(r, 'title') ?? '', titleBn: cell(r, 'titleBn'), price: cell(r, 'price') ?? '', category: cell(r, 'category'), image: cell(r, 'image') });
    });
    if (rows.length === 0) return setFileError(t.csvEmpty);
    if (rows.length > MAX_IMPORT_ROWS) return setFileError(fillText(t.csvTooMany, { n: rows.length, max: MAX_IMPORT_ROWS }));
    // A SKU seen earlier in the file is reported here; the server checks each chunk the same way.
    const seen = new Set<string>();
    const dupes: RowProblem[] = [];
    const unique = rows.filter((r) => {
      const k = r.sku.trim().toLowerCase();
      if (k && seen.has(k)) return dupes.push({ line: r.line, field: 'sku', code: 'duplicate' }), false;
      seen.add(k);
      return true;
    });
    let s: ImportState = { total: rows.length, done: dupes.length, created: 0, updated: 0, problems: dupes, finished: false, error: null };
    setState(s);
    for (const chunk of chunks(unique)) {
      try {
        const r = await send.mutateAsync({ vendorId: vendor.id, rows: chunk });
        s = { ...s, done: s.done + chunk.length, created: s.created + r.created, updated: s.updated + r.updated, problems: [...s.problems, ...r.problems] };
      } catch (e) {
        s = { ...s, error: adminErrorText(t.locale, (e as Error).message) };
        break;
      } finally {
        setState(s);
      }
    }
    s = { ...s, finished: true, problems: [...s.problems].sort((x, y) => x.line - y.line) };
    setState(s);
    void qc.invalidateQueries({ queryKey: trpc.admin.vendorProducts.queryKey({ vendorId: vendor.id }) });
    onChange();
  };

  return (
    <div className={a.fieldset} data-testid="catalogue">
      <p className={styles.small}>{t.csvHelp}</p>
      <div className={styles.row}>
        <label className={styles.secondary} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          {t.importCsv}
          <input type="file" accept=".csv,text/csv" data-testid="csv-file" onChange={(e) => (e.target.files?.[0] && void onFile(e.target.files[0]), (e.target.value = ''))} style={{ maxWidth: 200 }} />
        </label>
        <a className={styles.secondary} href={`data:text/csv;charset=utf-8,${encodeURIComponent(SAMPLE_CSV)}`} download="catalogue-sample.csv">
          {t.sampleCsv}
        </a>
      </div>
      {fileError && (
        <p role="alert" className={styles.error}>
          {fileError}
        </p>
      )}
      {state && (
        <div role="status" aria-live="polite" data-testid="import-status" data-finished={state.finished}>
          <progress max={state.total} value={state.done} style={{ width: '100%' }} aria-label={t.importing} />
          <p className={styles.small}>{state.finished ? fillText(t.importDone, { created: state.created, updated: state.updated, failed: new Set(state.problems.map((p) => p.line)).size }) : fillText(t.importProgress, { done: state.done, total: state.total })}</p>
          {state.error && <p className={styles.error}>{state.error}</p>}
          {state.finished && state.problems.length > 0 && (
            <ul className={a.steps} data-testid="import-problems">
              {state.problems.map((p, i) => (
                <li key={i}>{fillText(t.rowProblem, { line: p.line, field: t.csvFields[p.field] ?? p.field, problem: t.csvProblems[p.code] ?? p.code })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <label className={styles.field}>
        {t.searchProducts}
        <input value={search} onChange={(e) => setSearch(e.target.value)} maxLength={80} type="search" />
      </label>
      {items.data && (
        <>
          <p className={styles.small}>{fillText(t.productCount, { n: items.data.total })}</p>
          <ul className={a.list} data-testid="products">
            {items.data.items.map((p) => (
              <li key={p.id} className={a.item} data-sku={p.sku}>
                <span className={styles.row}>
                  {p.imageUrl && <img src={p.imageUrl} alt="" width={36} height={36} style={{ objectFit: 'cover', borderRadius: 6 }} loading="lazy" />}
                  <code className={styles.small}>{p.sku}</code>
                  <span dir="auto">{locale === 'bn' && p.nameBn ? p.nameBn : p.name}</span>
                  {p.category && <span className={styles.small}>{p.category}</span>}
                </span>
                <strong>{formatTaka(p.priceBdt, locale)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
