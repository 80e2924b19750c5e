// Per-route limits for multipart uploads, enforced while the body streams in (src/http/uploads.ts):
// a request whose Content-Length is over the route's limit is refused before any byte is read; a file
// over its limit, or files over the route's total, are refused as soon as the counted bytes pass the
// limit (the rest of the body is read and thrown away, never kept). Nothing is buffered beyond these.
// A route without its own limits gets DEFAULT_UPLOAD_LIMITS (forms without files: one small part).

export interface UploadLimits {
  /** most file parts (an empty <input type=file> is a part too) */
  maxFiles: number;
  /** largest single file, bytes */
  maxFileBytes: number;
  /** all files of one request together, bytes */
  maxTotalBytes: number;
  /** largest text field, bytes */
  maxFieldBytes: number;
  /** most text fields */
  maxFields: number;
  /** what the files are, for the messages ("附件", "报告文件") */
  label: string;
}

export const MB = 1024 * 1024;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFiles: 2,
  maxFileBytes: 1 * MB,
  maxTotalBytes: 1 * MB,
  maxFieldBytes: 256 * 1024,
  maxFields: 200,
  label: '文件',
};

/** The largest multipart body (Content-Length) a route accepts: its files plus the text fields and part headers. */
export function maxRequestBytes(l: UploadLimits): number {
  return l.maxTotalBytes + Math.min(l.maxFields * l.maxFieldBytes, Math.max(2 * MB, 2 * l.maxFieldBytes)) + 64 * 1024;
}

/** Readable size: "5 MB", "512 KB". */
export function sizeLabel(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Route `config` for an upload route: `{ ...uploadRoute({ maxFiles: 5, … }) }`, merged with any other config
 * (rate limits). `multipartOptions` is what @fastify/multipart hands to busboy for this route. `keepFolders`: the file
 * names keep the folder path the browser sends for a folder upload.
 */
export function uploadRoute(limits: Partial<UploadLimits>, opts: { keepFolders?: boolean } = {}): { uploadLimits: UploadLimits; multipartOptions: Record<string, unknown> } {
  const l: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
  return {
    uploadLimits: l,
    multipartOptions: {
      // a folder chosen with <input webkitdirectory> arrives as "folder/sub/file.pdf"; busboy keeps only "file.pdf" unless told
      // (cleaned at the door, src/http/uploads.ts: cleanFilePath)
      ...(opts.keepFolders ? { preservePath: true } : {}),
      // busboy stops a file one byte past the limit (so the reader sees it is over) and ignores files past maxFiles
      limits: { files: l.maxFiles, fileSize: l.maxFileBytes + 1, fields: l.maxFields, fieldSize: l.maxFieldBytes, parts: l.maxFiles + l.maxFields, headerPairs: 100 },
      throwFileSizeLimit: false,
    },
  };
}
