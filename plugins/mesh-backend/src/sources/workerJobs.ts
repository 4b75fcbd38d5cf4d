/*
 * The worker thread's side of ./workerThread: the jobs it is sent, and how it answers them.
 */
import { getHeapStatistics } from 'v8';
import { parentPort } from 'worker_threads';
import type { VectorReduce } from './prometheus/decodeVector';
import {
  fetchVector,
  FetchedVector,
  FetchVectorJob,
} from './prometheus/fetchVectorJob';
import { transferOf } from './prometheus/packedSamples';
import { ReducedVectorStream } from './prometheus/vectorStream';

/** A job whose input comes in pieces: a Prometheus answer decoded as it arrives. */
export type StreamedJob = { kind: 'decodeVector'; reduce: VectorReduce };

/** A job whose input is one message, answered once: a store read sent from the worker. */
export type Job = FetchVectorJob;

/** What the event loop posts: a job, or a streamed job's `open`, `push`es, then `end` or `abort`. */
export type JobMessage =
  | { id: number; run: Job }
  | { id: number; stream: 'open'; job: StreamedJob }
  | { id: number; stream: 'push'; bytes: ArrayBuffer; length: number }
  | { id: number; stream: 'end' | 'abort' };

/** What the worker posts: a streamed block read, or a job's answer with the heap it holds after it. */
export type AnswerMessage =
  | { id: number; pulled: true }
  | { id: number; result?: unknown; error?: string; heapBytes: number };

/** The worker's side: the streamed jobs in progress, by id. */
export function serveJobs() {
  const streams = new Map<number, ReducedVectorStream>();
  parentPort!.on('message', (message: JobMessage) => {
    const { id } = message;
    if ('run' in message) {
      fetchVector(message.run).then(
        result => answer({ id, result }, transferOfAnswer(result)),
        error => answer({ id, error: String(error) }),
      );
    } else if (message.stream === 'open')
      streams.set(id, new ReducedVectorStream(message.job.reduce));
    else if (message.stream === 'push') {
      streams.get(id)?.push(new Uint8Array(message.bytes, 0, message.length));
      post({ id, pulled: true });
    } else {
      const stream = streams.get(id);
      streams.delete(id);
      if (message.stream === 'end') {
        try {
          const result = stream!.end();
          answer({ id, result }, result.ok ? transferOf(result.packed) : []);
        } catch (error) {
          answer({ id, error: String(error) });
        }
      }
    }
  });
}

/** A job's answer, with the heap the worker holds after it (./workerThread RETIRE_HEAP_BYTES). */
function answer(
  message: { id: number; result?: unknown; error?: string },
  transfer: ArrayBuffer[] = [],
) {
  post(
    { ...message, heapBytes: getHeapStatistics().total_heap_size },
    transfer,
  );
}

function post(message: AnswerMessage, transfer: ArrayBuffer[] = []) {
  parentPort!.postMessage(message, transfer);
}

/** The buffers of a fetched answer's samples, moved rather than copied. */
function transferOfAnswer(result: FetchedVector): ArrayBuffer[] {
  return 'packed' in result ? transferOf(result.packed) : [];
}
