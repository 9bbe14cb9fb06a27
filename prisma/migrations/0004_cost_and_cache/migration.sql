-- Cost accounting (solver core-seconds) and reuse of cataloged simulations by content hash.
ALTER TABLE "simulations" ADD COLUMN "core_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE "batches" ADD COLUMN "core_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE "batches" ADD COLUMN "cached" INTEGER NOT NULL DEFAULT 0;
