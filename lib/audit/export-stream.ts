import { csvHeader, csvRows, jsonlHeader, jsonlLine, toExportedEvent, type ExportViewRow } from './export-format';
import type { ExportFormat } from './filters';

export type ExportStreamOptions = {
  format: ExportFormat;
  exportedAt: string;
  filters: Record<string, string | undefined>;
  /** Rows with an id above `afterId`, ascending, at most `pageSize` of them. */
  fetchPage: (afterId: number) => Promise<ExportViewRow[]>;
  pageSize: number;
  /** A page already read (the route reads the first before answering, to fail with a status). */
  firstPage?: ExportViewRow[];
  onError?: (error: unknown) => void;
};

/**
 * The ledger export as a byte stream: the header, then one page of rows at a time, read only when
 * the client is ready for more (a pull stream), so a year of events never sits in memory. A page
 * that fails to load errors the stream: the download fails visibly instead of ending short.
 */
export function createExportStream(options: ExportStreamOptions): ReadableStream<Uint8Array> {
  const { format, fetchPage, pageSize } = options;
  const encoder = new TextEncoder();
  let headerSent = false;
  let afterId = 0;
  let pending = options.firstPage;
  let finished = false;
  let cancelled = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          const header =
            format === 'jsonl'
              ? jsonlHeader({ exportedAt: options.exportedAt, filters: options.filters })
              : csvHeader();
          controller.enqueue(encoder.encode(header));
          return;
        }
        if (finished) {
          controller.close();
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
          controller.close();
          return;
        }
        const events = rows.map(toExportedEvent);
        const text = format === 'jsonl' ? events.map(jsonlLine).join('') : csvRows(events);
        controller.enqueue(encoder.encode(text));
        afterId = rows.at(-1)!.id!;
        // A short page is the last one: no need to ask again.
        if (rows.length < pageSize) finished = true;
      },
      cancel() {
        cancelled = true;
      },
    },
    // One chunk (a page) buffered ahead at most.
    { highWaterMark: 1 },
  );
}
