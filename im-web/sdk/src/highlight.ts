/**
 * The search answer's `highlight` is HTML-encoded text with `<em>` around matches (Elasticsearch's
 * html encoder). This turns it into plain segments so the apps render it as text, never as HTML.
 */
export interface Segment {
  text: string;
  hit: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", '#x2F': '/' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (all, e: string) => {
    if (ENTITIES[e] !== undefined) return ENTITIES[e];
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return all;
  });
}

export function highlightSegments(html: string): Segment[] {
  const out: Segment[] = [];
  const parts = html.split(/(<em>|<\/em>)/);
  let hit = false;
  for (const p of parts) {
    if (p === '<em>') hit = true;
    else if (p === '</em>') hit = false;
    else if (p) out.push({ text: decode(p), hit });
  }
  return out;
}
