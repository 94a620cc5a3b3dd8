import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from './safe-markdown';

const render = (markdown: string) => renderToStaticMarkup(<SafeMarkdown>{markdown}</SafeMarkdown>);

describe('SafeMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = render('## Check\n\n- **canary** dashboards\n- read [the runbook](https://example.com/runbook)');
    expect(html).toContain('<h2>Check</h2>');
    expect(html).toContain('<strong>canary</strong>');
    expect(html).toContain('href="https://example.com/runbook"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('drops raw HTML: no script, no event handler attributes', () => {
    const html = render('Hello <script>window.pwned = 1</script> <img src=x onerror="alert(1)"> <b onclick="x()">b</b>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror|onclick/i);
    expect(html).not.toMatch(/<img/i);
  });

  it('neutralises javascript: and data: links and images', () => {
    const html = render('[click](javascript:alert(1)) [auto](<javascript:alert(2)>) ![i](data:image/png;base64,AAAA) ![j](https://example.com/ok.png) [ok](mailto:ops@example.com)');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/src="data:/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('href="https://example.com/ok.png"');
    expect(html).toContain('href="mailto:ops@example.com"');
    expect(html).toContain('click');
  });
});
