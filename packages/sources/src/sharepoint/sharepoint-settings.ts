import { z } from 'zod';

const origin = z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin);

/** The `knowhow.yaml` fields of a `type: sharepoint` source (SharePoint libraries and OneDrive). */
export const sharepointSettings = z
  .strictObject({
    /** `acme.sharepoint.com:/sites/HR`, or `acme.sharepoint.com` for the root site. */
    site: z.string().trim().min(1).optional(),
    /** A document library of the site by name; default the site's default library. */
    library: z.string().trim().min(1).optional(),
    /** Instead of `site`: a drive by id (a OneDrive, or a library). */
    drive_id: z.string().trim().min(1).optional(),
    /** Only this folder (and below), relative to the library: `Policies` or `HR/Policies`. */
    folder: z
      .string()
      .trim()
      .transform((folder) => folder.replace(/^\/+|\/+$/g, ''))
      .optional(),
    tenant_id: z.string().trim().min(1),
    client_id: z.string().trim().min(1),
    client_secret: z.string().trim().min(1),
    graph_url: origin.default('https://graph.microsoft.com'),
    login_url: origin.default('https://login.microsoftonline.com'),
    /** The token's scope; default `<graph_url>/.default` for Microsoft's Graph hosts. */
    scope: z.string().trim().min(1).optional(),
  })
  .refine((settings) => settings.site || settings.drive_id, {
    path: ['site'],
    message: 'name the site (acme.sharepoint.com:/sites/HR) or a drive_id',
  });

export type SharepointSettings = z.output<typeof sharepointSettings>;

const graphHosts = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
]);

/** Microsoft's own Graph hosts are their own resource; anything else (a proxy) stands for the global one. */
export function tokenScope(settings: SharepointSettings): string {
  if (settings.scope) return settings.scope;
  const resource = graphHosts.has(settings.graph_url)
    ? settings.graph_url
    : 'https://graph.microsoft.com';
  return `${resource}/.default`;
}

export const graphHints = {
  unauthorized:
    'Check tenant_id, client_id and client_secret in knowhow.yaml (Entra ID → App registrations → your app → Certificates & secrets; secrets expire)',
  forbidden:
    'The app needs the Microsoft Graph application permission Sites.Read.All (or Sites.Selected with a grant on this site), with admin consent',
  not_found: 'Check site (host:/sites/Name), library and folder in knowhow.yaml',
  unreachable: 'Check graph_url and login_url in knowhow.yaml and that this machine can reach them',
} as const;
