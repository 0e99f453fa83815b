/** A parsed document before chunking: its title (when it names one) and its text in one of three shapes. */
export interface LoadedDocument {
  /** The document's own title (front matter, first heading, `<title>`, PDF info); null to use the file name. */
  readonly title: string | null;
  readonly content: LoadedContent;
}

export type LoadedContent =
  /** Structured text whose headings give each passage its heading path. */
  | { readonly kind: 'markdown'; readonly markdown: string }
  | { readonly kind: 'text'; readonly text: string }
  /** Paged formats keep the 1-based page number of every page with text. */
  | { readonly kind: 'pages'; readonly pages: readonly LoadedPage[] };

export interface LoadedPage {
  readonly number: number;
  readonly text: string;
}
