-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CampaignState" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SimulationStatus" AS ENUM ('SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "campaigns" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" "CampaignState" NOT NULL DEFAULT 'RUNNING',
    "spec" JSONB NOT NULL,
    "spec_hash" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "batch_size" INTEGER NOT NULL,
    "batch_count" INTEGER NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "store_url" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batches" (
    "campaign_id" TEXT NOT NULL,
    "batch_index" INTEGER NOT NULL,
    "start_index" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "checksum" TEXT NOT NULL,
    "locations" JSONB NOT NULL,
    "solve_ms" INTEGER NOT NULL,
    "completed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batches_pkey" PRIMARY KEY ("campaign_id","batch_index")
);

-- CreateTable
CREATE TABLE "simulations" (
    "campaign_id" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "batch_index" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "status" "SimulationStatus" NOT NULL,
    "attempts" INTEGER NOT NULL,
    "error" TEXT,
    "solve_ms" DOUBLE PRECISION NOT NULL,
    "solver_stats" JSONB NOT NULL,
    "checksum" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "simulations_pkey" PRIMARY KEY ("campaign_id","index")
);

-- CreateTable
CREATE TABLE "batch_events" (
    "cursor" BIGSERIAL NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "batch_index" INTEGER NOT NULL,
    "start_index" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "checksum" TEXT NOT NULL,
    "locations" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_events_pkey" PRIMARY KEY ("cursor")
);

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_workflow_id_key" ON "campaigns"("workflow_id");

-- CreateIndex
CREATE INDEX "simulations_content_hash_idx" ON "simulations"("content_hash");

-- CreateIndex
CREATE UNIQUE INDEX "batch_events_campaign_id_batch_index_key" ON "batch_events"("campaign_id", "batch_index");

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "simulations" ADD CONSTRAINT "simulations_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

