import { getOperationAST, type DocumentNode } from 'graphql';
import type { PartMetrics } from '@argus/core';

/**
 * The peer address of an in-process call to the router: the caller (a REST facade) runs in this
 * process, so it counts as a peer on this machine's loopback, as the same caller reaching the
 * port over loopback does; its X-Forwarded-For is believed only when TRUSTED_PROXIES has loopback.
 */
export const IN_PROCESS_PEER = '127.0.0.1';

/** Where an in-process request's operation label is kept while the gateway runs it. */
export interface OperationSlot {
  operation?: string;
}

/** The GraphQL context key of an in-process request's operation slot. */
export const OPERATION_SLOT = 'argusOperation';

function slotOf(context: unknown): OperationSlot | undefined {
  return (context as { [OPERATION_SLOT]?: OperationSlot } | undefined)?.[OPERATION_SLOT];
}

/** The operation's own name in a document (undefined for an anonymous one). */
function operationNameOf(document: DocumentNode, operationName: string | null | undefined): string | undefined {
  try {
    return getOperationAST(document, operationName)?.name?.value;
  } catch {
    return undefined;
  }
}

/**
 * Names the operation of each in-process request in the router's metrics as
 * `graphqlOperationLabels` names an HTTP request's: the name the client gave, else the name of
 * the document's only operation, replaced by the executed operation's own once known.
 */
export function inProcessOperationLabels(metrics: PartMetrics) {
  return {
    onParams({ params, context }: { params: { operationName?: string | null }; context: unknown }) {
      const slot = slotOf(context);
      if (slot) slot.operation = metrics.operationLabel(params.operationName);
    },
    onParse({ context }: { context: unknown }) {
      const slot = slotOf(context);
      if (!slot) return undefined;
      return ({ result }: { result: unknown }) => {
        if (result && typeof result === 'object' && 'kind' in result && slot.operation === 'none') {
          slot.operation = metrics.operationLabel(operationNameOf(result as DocumentNode, undefined));
        }
      };
    },
    onExecute({ args }: { args: { document: DocumentNode; operationName?: string | null; contextValue: unknown } }) {
      const slot = slotOf(args.contextValue);
      if (slot) slot.operation = metrics.operationLabel(operationNameOf(args.document, args.operationName));
    },
  };
}

/** Streamed answers (server-sent events, incremental delivery) end when their body has been read. */
const STREAMED = /^(text\/event-stream|multipart\/mixed)/i;

/**
 * Calls `done` with the answer's status once it is complete: at once for a whole answer; for a
 * streamed one when its body has been read to the end, or with 499 when the caller cancelled it.
 */
export function whenAnswered(response: Response, done: (status: number) => void): Response {
  const body = response.body;
  if (!body || !STREAMED.test(response.headers.get('content-type') ?? '')) {
    done(response.status);
    return response;
  }
  const reader = body.getReader();
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await reader.read();
      if (next.done) {
        controller.close();
        done(response.status);
      } else controller.enqueue(next.value);
    },
    async cancel(reason) {
      done(499);
      await reader.cancel(reason);
    },
  });
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}
