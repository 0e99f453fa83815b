import { plainText, type RichText, richTextToMarkdown } from './rich-text.js';

/** A property value as the API sends it, the fields read. */
export interface PropertyValue {
  readonly type: string;
  readonly [type: string]: unknown;
}

interface Named {
  name?: string;
}
interface Person {
  name?: string;
  person?: { email?: string };
  id?: string;
}

/** The page's title: the value of its one `title` property. */
export function pageTitle(properties: Readonly<Record<string, PropertyValue>> | undefined): string {
  const title = Object.values(properties ?? {}).find((property) => property.type === 'title');
  return plainText(title?.title as RichText[] | undefined).trim();
}

/**
 * A database row's properties besides its title as `- **Name**: value` lines, so a row's
 * status, owner or dates are searchable and quoted with it.
 */
export function propertiesToMarkdown(
  properties: Readonly<Record<string, PropertyValue>> | undefined,
): string {
  const lines: string[] = [];
  for (const [name, property] of Object.entries(properties ?? {})) {
    if (property.type === 'title') continue;
    const value = propertyText(property);
    if (value) lines.push(`- **${name}**: ${value}`);
  }
  return lines.join('\n');
}

function propertyText(property: PropertyValue): string {
  const value = property[property.type];
  switch (property.type) {
    case 'rich_text':
      return richTextToMarkdown(value as RichText[]);
    case 'number':
    case 'url':
    case 'email':
    case 'phone_number':
    case 'created_time':
    case 'last_edited_time':
      return scalar(value);
    case 'checkbox':
      return value ? 'yes' : 'no';
    case 'select':
    case 'status':
      return (value as Named | null)?.name ?? '';
    case 'multi_select':
      return ((value as Named[] | null) ?? []).map((option) => option.name ?? '').join(', ');
    case 'date': {
      const date = value as { start?: string; end?: string | null } | null;
      if (!date?.start) return '';
      return date.end ? `${date.start} → ${date.end}` : date.start;
    }
    case 'people':
      return ((value as Person[] | null) ?? []).map(personName).join(', ');
    case 'created_by':
    case 'last_edited_by':
      return personName(value ?? {});
    case 'files':
      return ((value as Named[] | null) ?? []).map((file) => file.name ?? '').join(', ');
    case 'unique_id': {
      const id = value as { prefix?: string | null; number?: number | null } | null;
      return id?.number === undefined || id.number === null
        ? ''
        : `${id.prefix ? `${id.prefix}-` : ''}${id.number}`;
    }
    case 'formula': {
      const formula = value as Record<string, unknown> | null;
      const result = formula?.[String(formula.type)];
      if (result === null || result === undefined) return '';
      if (typeof result === 'object') return (result as { start?: string }).start ?? '';
      return scalar(result);
    }
    default:
      // relation and rollup name other pages by id only: nothing readable.
      return '';
  }
}

function personName(person: Person): string {
  return person.name ?? person.person?.email ?? '';
}

function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}
