-- DropIndex
DROP INDEX "execution_events_application_id_idx";

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "application_id" UUID;

-- AlterTable
ALTER TABLE "execution_events" ADD COLUMN     "application_id" UUID;

-- AlterTable
ALTER TABLE "gate_tasks" ADD COLUMN     "application_id" UUID;

-- AlterTable
ALTER TABLE "trigger_attempts" ADD COLUMN     "application_id" UUID;

-- CreateIndex
CREATE INDEX "audit_events_application_id_at_idx" ON "audit_events"("application_id", "at" DESC);

-- CreateIndex
CREATE INDEX "execution_events_application_id_id_idx" ON "execution_events"("application_id", "id");

-- CreateIndex
CREATE INDEX "trigger_attempts_application_id_at_idx" ON "trigger_attempts"("application_id", "at" DESC);

-- Backfill: rows about applications that exist now belong to them. Rows of applications already
-- deleted keep a null id (administrators and the rows' own actors still see them). A name that was
-- deleted and recreated before this migration cannot be told apart: its older rows go to the current one.
UPDATE "audit_events" AS e SET "application_id" = a."id" FROM "applications" AS a WHERE a."name" = e."application";

UPDATE "execution_events" AS e SET "application_id" = a."id" FROM "applications" AS a WHERE a."name" = e."application";

UPDATE "gate_tasks" AS t SET "application_id" = a."id" FROM "applications" AS a WHERE a."name" = t."application";

UPDATE "trigger_attempts" AS t SET "application_id" = a."id" FROM "applications" AS a WHERE a."name" = t."application";
