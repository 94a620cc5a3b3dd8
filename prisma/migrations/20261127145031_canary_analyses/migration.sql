-- CreateTable
CREATE TABLE "canary_analyses" (
    "id" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "config_id" TEXT,
    "config_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "record" JSONB,
    "error" TEXT,
    "score" DOUBLE PRECISION,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "canary_analyses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "canary_analyses_application_created_at_idx" ON "canary_analyses"("application", "created_at");

-- AddForeignKey
ALTER TABLE "canary_analyses" ADD CONSTRAINT "canary_analyses_application_fkey" FOREIGN KEY ("application") REFERENCES "applications"("name") ON DELETE CASCADE ON UPDATE CASCADE;
