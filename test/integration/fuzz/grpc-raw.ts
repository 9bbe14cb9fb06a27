// Sending arbitrary bytes as a gRPC request: what a broken or hostile client puts on the wire,
// below any generated client's type checks.

import * as grpc from '@grpc/grpc-js';

export interface RawOutcome {
  code: grpc.status;
  details: string;
  messages: number;
}

const identity = (b: Buffer): Buffer => b;

/** A unary call with `body` as the serialized request; resolves with the status, never rejects. */
export function rawUnary(client: grpc.Client, method: string, body: Buffer, metadata = new grpc.Metadata(), deadlineMs = 10_000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(method, identity, identity, body, metadata, { deadline: Date.now() + deadlineMs }, (err) =>
      resolve(err ? { code: err.code, details: err.details, messages: 0 } : { code: grpc.status.OK, details: '', messages: 1 }),
    );
  });
}

/** A server-streaming call; reads at most `maxMessages`, then cancels. */
export function rawServerStream(client: grpc.Client, method: string, body: Buffer, metadata = new grpc.Metadata(), maxMessages = 5, deadlineMs = 10_000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const call = client.makeServerStreamRequest(method, identity, identity, body, metadata, { deadline: Date.now() + deadlineMs });
    let messages = 0;
    let done = false;
    const finish = (outcome: RawOutcome): void => {
      if (done) return;
      done = true;
      resolve(outcome);
    };
    call.on('data', () => {
      if (++messages >= maxMessages) {
        call.cancel();
        finish({ code: grpc.status.OK, details: 'stream kept open', messages });
      }
    });
    call.on('error', (err: grpc.ServiceError) => finish({ code: err.code, details: err.details, messages }));
    call.on('end', () => finish({ code: grpc.status.OK, details: 'ended', messages }));
  });
}

/** Status codes that say "your request is wrong" (or "too big") without the server breaking. */
export const CLEAR_REJECTIONS = new Set<grpc.status>([
  grpc.status.INVALID_ARGUMENT,
  grpc.status.OUT_OF_RANGE,
  grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.NOT_FOUND,
  grpc.status.UNAUTHENTICATED,
  grpc.status.PERMISSION_DENIED,
  // grpc-js's own answer to bytes that do not decode as the request message.
  grpc.status.INTERNAL,
]);
