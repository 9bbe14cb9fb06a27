"""synthflux's ML jobs: synthetic-gap checks and SimGAN-style refinement of simulated MFL maps.

Inputs and outputs are files in a local work directory (npy + JSON); the TypeScript orchestrator
moves them to and from object storage, so nothing here talks to S3, Temporal or the catalog.
"""
