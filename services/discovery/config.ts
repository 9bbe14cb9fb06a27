// How the worker finds its solvers; fields of the worker's config (services/worker/config.ts).

import { z } from 'zod';

export const discoveryConfigShape = {
  /**
   * static: the SOLVER_ADDRESSES list (local solver processes; the demo and the embedded stack).
   * kubernetes: watch the solver Service's EndpointSlices and size the solver Deployment.
   */
  SOLVER_DISCOVERY: z.enum(['static', 'kubernetes']).default('static'),
  /** Namespace of the solver Service and Deployment; the manifests pass the pod's own. */
  SOLVER_NAMESPACE: z.string().min(1).default('synthflux'),
  SOLVER_SERVICE: z.string().min(1).default('synthflux-solver'),
  /** The Service port (by name) that serves the Solver gRPC API. */
  SOLVER_PORT_NAME: z.string().min(1).default('grpc'),
};

export const discoveryConfigSchema = z.object(discoveryConfigShape);
export type DiscoveryConfig = z.infer<typeof discoveryConfigSchema>;
