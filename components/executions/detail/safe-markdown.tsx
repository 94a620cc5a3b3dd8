import Markdown, { type Components } from 'react-markdown';
import { safeUrl } from './safe-url';

// Links open in a new tab without handing the opener to the target.
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-accent underline">
        {children}
      </a>
    ) : (
      <span className="underline decoration-dotted">{children}</span>
    ),
  // Images become links: instructions should not make every viewer's browser fetch third-party URLs.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow" className="text-accent underline">
        {alt || src}
      </a>
    ) : (
      <span>{alt}</span>
    ),
};

/**
 * User-written Markdown (judgment instructions) rendered safely: react-markdown builds React
 * elements from the Markdown tree and, without rehype-raw, writes raw HTML out as text, so no
 * `<script>`, `<iframe>` or `on*=` handler can appear; URLs pass the http(s)/mailto/relative policy.
 */
export function SafeMarkdown({ children }: { children: string }) {
  return (
    <div className="space-y-2 text-sm leading-relaxed [&_code]:rounded [&_code]:bg-surface-2 [&_code]:px-1 [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <Markdown skipHtml urlTransform={safeUrl} components={components}>
        {children}
      </Markdown>
    </div>
  );
}
