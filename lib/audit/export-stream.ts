import { createHash } from 'node:crypto';
import {
  csvHeader,
  csvRows,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  jsonlHeader,
  jsonlLine,
  manifestTrailer,
  toExportedEvent,
  type ExportViewRow,
} from './export-format';
import { signManifest, type ChainHead } from './manifest';
import type { SigningKey } from './signing-key';
import type { ExportFormat } from './filters';

export type ExportStreamOptions = {
  format: ExportFormat;
  exportedAt: string;
  /** As exportedFilters() records them: {} for the whole ledger. */
  filters: Record<string, string>;
  /** The chain's newest event, read before any page (null: the ledger is empty, nothing to read). */
  head: ChainHead | null;
  /** Rows with an id above `afterId` and at most the head's, ascending, at most `pageSize` of them. */
  fetchPage: (afterId: number) => Promise<ExportViewRow[]>;
  pageSize: number;
  /** A page already read (the route reads the first before answering, to fail with a status). */
  firstPage?: ExportViewRow[];
  signingKey: SigningKey;
  onError?: (error: unknown) => void;
};

/**
 * The ledger export as a byte stream: the header, then one page of rows at a time, read only when
 * the client is ready for more (a pull stream), so a year of events never sits in memory; then the
 * signed manifest. Every byte before the manifest goes through the file's SHA-256 as it leaves, and
 * the rows are counted on the way. A page that fails to load errors the stream: the download fails
 * visibly (and unsigned) instead of ending short.
 */
export function createExportStream(options: ExportStreamOptions): ReadableStream<Uint8Array> {
  const { format, fetchPage, pageSize, head } = options;
  const encoder = new TextEncoder();
  const fileHash = createHash('sha256');
  let headerSent = false;
  let afterId = 0;
  let pending = options.firstPage;
  let finished = head === null;
  let cancelled = false;
  let rowCount = 0;
  let firstId: number | null = null;

  const send = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    const bytes = encoder.encode(text);
    fileHash.update(bytes);
    controller.enqueue(bytes);
  };

  const sendManifestAndClose = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const signed = signManifest(
      {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exported_at: options.exportedAt,
        filters: options.filters,
        head,
        first_id: firstId,
        last_id: rowCount > 0 ? afterId : null,
        row_count: rowCount,
        file_sha256: fileHash.digest('hex'),
        key_fingerprint: options.signingKey.fingerprint,
      },
      options.signingKey.privateKey,
    );
    // Not hashed: the manifest covers the bytes before it.
    controller.enqueue(encoder.encode(manifestTrailer(format, signed)));
    controller.close();
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          send(controller, format === 'jsonl' ? jsonlHeader({ exportedAt: options.exportedAt, filters: options.filters }) : csvHeader());
          return;
        }
        if (finished) {
          sendManifestAndClose(controller);
          return;
        }
        let rows: ExportViewRow[];
        try {
          rows = pending ?? (await fetchPage(afterId));
          pending = undefined;
          const lastId = rows.at(-1)?.id;
          if (rows.length > 0 && (lastId == null || lastId <= afterId)) {
            throw new Error(`export page after ${afterId} did not move forward`);
          }
        } catch (error) {
          options.onError?.(error);
          controller.error(error);
          return;
        }
        if (cancelled) return;
        if (rows.length === 0) {
          sendManifestAndClose(controller);
          return;
        }
        const events = rows.map(toExportedEvent);
        send(controller, format === 'jsonl' ? events.map(jsonlLine).join('') : csvRows(events));
        firstId ??= rows[0]!.id!;
        rowCount += rows.length;
        afterId = rows.at(-1)!.id!;
        // A short page, or one that reached the head, is the last one: no need to ask again.
        if (rows.length < pageSize || afterId >= head!.id) finished = true;
      },
      cancel() {
        cancelled = true;
      },
    },
    // One chunk (a page) buffered ahead at most.
    { highWaterMark: 1 },
  );
}
