// GitHub's page-based pagination (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api):
// `per_page` (default 30, at most 100) and `page` (from 1), with a Link header naming the other pages.

export interface Page<T> {
  items: T[];
  /** The Link header, absent when everything fits on one page. */
  link: string | undefined;
}

const whole = (value: string | null, fallback: number) => (value !== null && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback);

/** The page of `items` that `url` asks for; `url` is the request's absolute URL, reused for the links. */
export function paginate<T>(items: readonly T[], url: URL): Page<T> {
  const perPage = Math.min(whole(url.searchParams.get('per_page'), 30), 100);
  const page = whole(url.searchParams.get('page'), 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const to = (n: number) => {
    const target = new URL(url);
    target.searchParams.set('per_page', String(perPage));
    target.searchParams.set('page', String(n));
    return target.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${to(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${to(page + 1)}>; rel="next"`);
  if (page < last) rels.push(`<${to(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${to(1)}>; rel="first"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), link: rels.length > 0 ? rels.join(', ') : undefined };
}
