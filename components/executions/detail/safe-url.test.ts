import { describe, expect, it } from 'vitest';
import { safeUrl } from './safe-url';

describe('safeUrl', () => {
  it.each(['https://example.com/runbook', 'http://example.com', 'mailto:oncall@example.com', '/applications/demo', '#section', 'runbook.md', '?q=1'])('keeps %s', (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd'])('drops %j', (url) => {
    expect(safeUrl(url)).toBe('');
  });
});
