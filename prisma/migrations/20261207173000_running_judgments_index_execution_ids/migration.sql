-- awaitingJudgment=me pages through the executions with a running judgment: with the execution id in
-- the index, finding them reads the index alone (no stage row, no context).
-- DropIndex
DROP INDEX "stage_executions_type_status_idx";

-- CreateIndex
CREATE INDEX "stage_executions_type_status_execution_id_idx" ON "stage_executions"("type", "status", "execution_id");
