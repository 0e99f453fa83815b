import { describe, expect, it } from '@jest/globals';
import { type Markup, renderMarkdown } from './render-markdown.js';

// A made-up chat markup, so each rule shows: text in {braces}, links as label<address>.
const markup: Markup = {
  text: (text) => text.replaceAll('{', '(').replaceAll('}', ')'),
  bold: '!',
  italic: '/',
  strike: '-',
  bullet: '* ',
  link: (label, address) => (label ? `${label}<${address}>` : `<${address}>`),
};
const render = (markdown: string) => renderMarkdown(markdown, markup);

describe('renderMarkdown', () => {
  it('wraps emphasis in the markers of the markup, bold inside bold plain', () => {
    expect(render('**a** *b* ~~c~~ **x *y* **z****')).toBe('!a! /b/ -c- !x /y/ z!');
  });

  it('makes headings bold and keeps the line breaks between blocks', () => {
    expect(render('# Title\n\npara {x}\n\n\nend')).toBe('!Title!\n\npara (x)\n\n\nend');
  });

  it('writes lists with the bullet, numbers kept and nested items indented', () => {
    expect(render('- a\n  1. b\n  2. c\n- d')).toBe('* a\n  1. b\n  2. c\n* d');
  });

  it('links through the markup, and an address written as one stays text', () => {
    expect(render('[label](https://x.example) [https://y.example](https://y.example)')).toBe(
      'label<https://x.example> <https://y.example>',
    );
    expect(render('see https://z.example')).toBe('see https://z.example');
  });

  it('passes code through `text` as written, never as markup', () => {
    expect(render('`**{x}**` and\n```\n**{y}**\n```')).toBe('`**(x)**` and\n```\n**(y)**\n```');
  });

  it('shows emphasis inside a word as written', () => {
    expect(render('x*y*z')).toBe('x*y*z');
  });
});
