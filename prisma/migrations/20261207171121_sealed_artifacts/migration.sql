-- CreateTable
CREATE TABLE "sealed_artifacts" (
    "id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sealed_artifacts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sealed_artifacts_execution_id_idx" ON "sealed_artifacts"("execution_id");

-- AddForeignKey
ALTER TABLE "sealed_artifacts" ADD CONSTRAINT "sealed_artifacts_execution_id_fkey" FOREIGN KEY ("execution_id") REFERENCES "executions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
