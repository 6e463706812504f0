/** A URL-safe slug of a name in any script (Bengali letters stay letters), at most 40 characters. */
export const slugOf = (name: string, fallback: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || fallback;

/** The slug of `name`, numbered (-2, -3…) past the ones already taken. */
export function freeSlug(name: string, fallback: string, taken: Iterable<string>) {
  const used = new Set(taken);
  const base = slugOf(name, fallback);
  let slug = base;
  for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
  return slug;
}
