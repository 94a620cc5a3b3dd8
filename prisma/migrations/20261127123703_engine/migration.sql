-- DropIndex
DROP INDEX "executions_application_created_at_idx";

-- DropIndex
DROP INDEX "executions_status_idx";

-- AlterTable
ALTER TABLE "executions" ADD COLUMN     "authentication" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "canceled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "canceled_by" TEXT,
ADD COLUMN     "cancellation_reason" TEXT,
ADD COLUMN     "last_progress_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "parent_execution_id" TEXT,
ADD COLUMN     "parent_stage_id" TEXT,
ADD COLUMN     "paused" JSONB,
ADD COLUMN     "trigger_type" TEXT NOT NULL DEFAULT 'manual',
ADD COLUMN     "trigger_user" TEXT;

-- AlterTable
ALTER TABLE "stage_executions" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_modified" JSONB,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "state" JSONB,
ADD COLUMN     "synthetic_stage_owner" TEXT,
ADD COLUMN     "tasks" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "waiting" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "worker_heartbeats" ADD COLUMN     "job_worker_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "execution_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "application" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "stage_id" TEXT,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "execution_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trigger_attempts" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "application" TEXT,
    "pipeline_id" TEXT,
    "delivery_id" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "execution_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "trigger_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "source" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("source","delivery_id")
);

-- CreateTable
CREATE TABLE "cron_firings" (
    "pipeline_id" TEXT NOT NULL,
    "trigger_key" TEXT NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "execution_id" TEXT,

    CONSTRAINT "cron_firings_pkey" PRIMARY KEY ("pipeline_id","trigger_key","fire_at")
);

-- CreateIndex
CREATE INDEX "execution_events_execution_id_id_idx" ON "execution_events"("execution_id", "id");

-- CreateIndex
CREATE INDEX "execution_events_application_id_idx" ON "execution_events"("application", "id");

-- CreateIndex
CREATE INDEX "trigger_attempts_application_at_idx" ON "trigger_attempts"("application", "at" DESC);

-- CreateIndex
CREATE INDEX "trigger_attempts_pipeline_id_at_idx" ON "trigger_attempts"("pipeline_id", "at" DESC);

-- CreateIndex
CREATE INDEX "trigger_attempts_source_at_idx" ON "trigger_attempts"("source", "at" DESC);

-- CreateIndex
CREATE INDEX "executions_application_id_idx" ON "executions"("application", "id" DESC);

-- CreateIndex
CREATE INDEX "executions_pipeline_id_status_idx" ON "executions"("pipeline_id", "status");

-- CreateIndex
CREATE INDEX "executions_status_last_progress_at_idx" ON "executions"("status", "last_progress_at");

-- CreateIndex
CREATE INDEX "executions_parent_execution_id_idx" ON "executions"("parent_execution_id");

-- CreateIndex
CREATE INDEX "stage_executions_execution_id_position_idx" ON "stage_executions"("execution_id", "position");
