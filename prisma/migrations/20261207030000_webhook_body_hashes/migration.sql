-- CreateTable
CREATE TABLE "webhook_body_hashes" (
    "source" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_body_hashes_pkey" PRIMARY KEY ("source","body_hash")
);

-- CreateIndex
CREATE INDEX "webhook_body_hashes_received_at_idx" ON "webhook_body_hashes"("received_at");
