import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../src/highlight.js';

describe('highlightSegments', () => {
  it('shouldMarkTheEmParts_andDecodeEntitiesAsText', () => {
    expect(highlightSegments('a &lt;b&gt; <em>事务</em> &amp; <em>x</em>')).toEqual([
      { text: 'a <b> ', hit: false }, { text: '事务', hit: true }, { text: ' & ', hit: false }, { text: 'x', hit: true },
    ]);
  });

  it('shouldKeepMarkupThatIsNotEmAsText', () => {
    expect(highlightSegments('&lt;script&gt;alert(1)&lt;/script&gt;')).toEqual([{ text: '<script>alert(1)</script>', hit: false }]);
  });
});
