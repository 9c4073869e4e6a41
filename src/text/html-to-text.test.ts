import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, looksLikeHtml } from './html-to-text.ts';

describe('htmlToText', () => {
  it('drops scripts and styles with their content and keeps the text around them', () => {
    expect(htmlToText('<style>p{color:red}</style>Cholera<script>alert("x")</script> in Haiti')).toBe(
      'Cholera in Haiti',
    );
  });

  it('turns block elements into paragraph breaks and inline elements into nothing', () => {
    expect(
      htmlToText('<h1>Cholera</h1><p>In <b>Haiti</b>, 12 cases.</p><ul><li>one</li><li>two</li></ul>'),
    ).toBe('Cholera\n\nIn Haiti, 12 cases.\n\none\n\ntwo');
    expect(htmlToText('first<br>second')).toBe('first\nsecond');
  });

  it('decodes named and numeric character references', () => {
    expect(htmlToText('Fi&egrave;vre &amp; &#233;pid&#xE9;mie&nbsp;&lt;3&gt;')).toBe('Fièvre & épidémie <3>');
  });

  it('makes a title with injected markup inert text', () => {
    const out = htmlToText('<img src=x onerror="alert(1)">Measles <b>outbreak</b><script>steal()</script>');
    expect(out).toBe('Measles outbreak');
    expect(out).not.toMatch(/[<>]/);
  });

  it('keeps a lone less-than sign that opens no tag', () => {
    expect(htmlToText('cases < 5 and deaths > 1')).toBe('cases < 5 and deaths > 1');
  });

  it('skips comments, doctype and a tag that never closes', () => {
    expect(htmlToText('<!DOCTYPE html><!-- hidden -->Text <p class="a')).toBe('Text');
  });

  it('reads attribute values with ">" inside quotes as part of the tag', () => {
    expect(htmlToText('<a title="a > b" href="/x">link</a> text')).toBe('link text');
  });

  it('drops a script that is never closed together with the rest of the input', () => {
    expect(htmlToText('Before<script>var a = 1;')).toBe('Before');
  });
});

describe('decodeEntities', () => {
  it('leaves unknown references as written and replaces invalid code points', () => {
    expect(decodeEntities('&unknown; &#0; &#xD800;')).toBe('&unknown; \ufffd \ufffd');
  });
});

describe('looksLikeHtml', () => {
  it('tells markup from plain text', () => {
    expect(looksLikeHtml('<p>x</p>')).toBe(true);
    expect(looksLikeHtml('a &amp; b')).toBe(true);
    expect(looksLikeHtml('3 < 5 & 6 > 2')).toBe(false);
  });
});
