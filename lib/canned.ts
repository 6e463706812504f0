// Canned responses: {{placeholders}} filled when an agent inserts one, and the variant in the customer's language.

export const PLACEHOLDERS = ['customer.name', 'customer.first_name', 'customer.email', 'customer.phone', 'agent.name', 'agent.first_name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = { customer?: { name?: string | null; email?: string | null; phone?: string | null } | null; agent?: { name?: string | null } | null };

const TOKEN = /\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}/gi;
const first = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';

/** The placeholders a text names that are not known (so an admin is told before an agent sends one). */
export function unknownPlaceholders(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(TOKEN)) if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!.toLowerCase())) out.add(m[1]!);
  return [...out];
}

/**
 * Fills the known placeholders; an unknown one stays as written, so the agent sees it before sending. A value
 * that is missing (a customer who gave no name) leaves nothing, and the space or comma before it goes too:
 * "Hello {{customer.first_name}}," becomes "Hello," rather than "Hello ,".
 */
export function fillPlaceholders(text: string, v: PlaceholderValues): string {
  const values: Record<Placeholder, string> = {
    'customer.name': v.customer?.name?.trim() ?? '',
    'customer.first_name': first(v.customer?.name),
    'customer.email': v.customer?.email?.trim() ?? '',
    'customer.phone': v.customer?.phone?.trim() ?? '',
    'agent.name': v.agent?.name?.trim() ?? '',
    'agent.first_name': first(v.agent?.name),
  };
  return text
    .replace(/([ \t]*)\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}/gi, (whole, space: string, key: string) => {
      const k = key.toLowerCase() as Placeholder;
      if (!Object.hasOwn(values, k)) return whole;
      return values[k] ? `${space}${values[k]}` : '';
    })
    .replace(/^[ \t]*[,،]\s*/gm, '')
    .replace(/[ \t]+([,.!?।])/g, '$1');
}

/** The variant for a customer who writes `lang`: theirs, else English, else any. */
export function pickVariant<T extends { lang: string | null }>(variants: T[], lang: string | null | undefined): T | undefined {
  const want = lang === 'banglish' ? 'bn' : lang;
  return variants.find((x) => x.lang === want) ?? variants.find((x) => x.lang === null) ?? variants.find((x) => x.lang === 'en') ?? variants[0];
}
