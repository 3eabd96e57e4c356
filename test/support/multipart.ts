/** Reads a multipart/form-data body as the fakes receive it: its fields, and its files with their bytes as sent. */
export interface MultipartBody {
  readonly fields: Map<string, string>;
  readonly files: Array<{ name: string; bytes: Buffer }>;
}

/** null when `contentType` is not multipart. */
export function readMultipart(body: Buffer, contentType: string | undefined): MultipartBody | null {
  const boundary = /multipart\/form-data;.*boundary=([^;]+)/.exec(contentType ?? '')?.[1];
  if (!boundary) return null;
  const raw = body.toString('latin1'); // latin1 keeps every byte as one character
  const fields = new Map<string, string>();
  const files: MultipartBody['files'] = [];
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const content = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
    if (filename !== undefined) files.push({ name: filename, bytes: content });
    else fields.set(name, content.toString('utf8'));
  }
  return { fields, files };
}
