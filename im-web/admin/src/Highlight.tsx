import { highlightSegments } from '@im/sdk';

/** A search hit's highlight, as text with the matches marked (never injected as HTML). */
export function Highlight({ html }: { html: string }) {
  return <span>{highlightSegments(html).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</span>;
}
