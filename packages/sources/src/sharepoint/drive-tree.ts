/** Folders of a drive by id, with their parent, so any item's path can be named. */
export interface FolderRecord {
  readonly name: string;
  readonly parentId: string | null;
}

export class DriveTree {
  readonly folders: Map<string, FolderRecord>;

  constructor(
    folders: Record<string, FolderRecord> = {},
    readonly rootId?: string,
  ) {
    this.folders = new Map(Object.entries(folders));
  }

  /** The folder path from the drive's root, e.g. `Policies/2024`; undefined when a folder is unknown. */
  folderPath(folderId: string | null): string | undefined {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let current = folderId; current && current !== this.rootId;) {
      if (seen.has(current)) return undefined;
      seen.add(current);
      const folder = this.folders.get(current);
      if (!folder) return undefined;
      names.unshift(folder.name);
      current = folder.parentId;
    }
    return names.join('/');
  }

  toJSON(): Record<string, FolderRecord> {
    return Object.fromEntries(this.folders);
  }
}
