// What a person does on the stand-in's sign-in page, for tests that drive the OAuth flow without a
// browser: open the authorize URL, then press "Sign in as <login>" or "Cancel".

async function submit(authorizeUrl: string, choice: Record<string, string>): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`Authorize page ${authorizeUrl} answered ${page.status}`);
  const url = new URL(authorizeUrl);
  // The page's form posts the authorize parameters back as hidden fields, plus the button pressed.
  const form = new URLSearchParams([...url.searchParams, ...Object.entries(choice)]);
  const res = await fetch(new URL(url.pathname, url), { method: 'POST', body: form, redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`Sign-in on ${url.origin} answered ${res.status}: ${await res.text()}`);
  return new URL(location);
}

/** Signs in as `login`; resolves to the callback URL GitHub would send the browser to (code and state). */
export const signInAs = (authorizeUrl: string, login: string) => submit(authorizeUrl, { login });

/** Presses Cancel; resolves to the callback URL carrying error=access_denied. */
export const cancelSignIn = (authorizeUrl: string) => submit(authorizeUrl, { cancel: '1' });
