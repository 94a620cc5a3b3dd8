'use client';

import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { accountDtoSchema, accountNamespacesSchema, type AccountDto, type AccountNamespaces } from '@/lib/pipeline/kubernetes-accounts';

export const accountsKey = ['accounts'] as const;
export const namespacesKey = (account: string) => ['accounts', account, 'namespaces'] as const;

async function readJson(url: string, what: string): Promise<unknown> {
  const res = await fetch(url, { cache: 'no-store' });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : `HTTP ${res.status}`;
    throw new Error(`Loading ${what} failed: ${message}`);
  }
  return body;
}

/** The Kubernetes accounts the user may see, with live status (the server caches the probe ~15 s). */
export function useAccounts() {
  return useQuery<AccountDto[]>({ queryKey: accountsKey, queryFn: async () => z.array(accountDtoSchema).parse(await readJson('/api/v1/accounts', 'accounts')), staleTime: 15_000 });
}

/** Namespaces to offer for a configured account (not for free-text or expression accounts). */
export function useNamespaces(account: string | undefined) {
  return useQuery<AccountNamespaces>({
    queryKey: namespacesKey(account ?? ''),
    queryFn: async () => accountNamespacesSchema.parse(await readJson(`/api/v1/accounts/${encodeURIComponent(account ?? '')}/namespaces`, `namespaces of ${account}`)),
    enabled: Boolean(account),
    staleTime: 15_000,
    retry: false,
  });
}

/** `${…}` values are resolved at run time; pickers neither suggest nor warn about them. */
export const isExpression = (value: string) => value.includes('${');
