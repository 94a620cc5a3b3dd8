-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "attributes" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "pipeline_revisions" ADD COLUMN     "action" TEXT NOT NULL DEFAULT 'update';

-- CreateTable
CREATE TABLE "gate_tasks" (
    "id" TEXT NOT NULL,
    "application" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "gate_tasks_pkey" PRIMARY KEY ("id")
);
