import 'server-only';
import type { Tx } from '../pool';

/** The claims that keep one webhook delivery, or one signed body, from starting executions twice. */

/** Claims a webhook delivery id; false if it was already handled (a duplicate delivery). */
export async function claimDelivery(tx: Tx, source: string, deliveryId: string): Promise<boolean> {
  const { rowCount } = await tx.query('INSERT INTO webhook_deliveries (source, delivery_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [source, deliveryId]);
  return rowCount === 1;
}

/** How long a signed body's hash is kept: a body sent again under another delivery id within it is a replay. */
export const SIGNED_BODY_WINDOW_HOURS = 24;

/**
 * Claims a signed webhook body for a delivery. Answers undefined when this delivery may use it (new
 * body, its own delivery id again, or last accepted over 24 h ago), else the delivery that did.
 * The upsert decides (two concurrent replays cannot both win); the read after it is a separate
 * statement so it sees a row another transaction committed while the upsert waited for it.
 */
export async function claimSignedBody(tx: Tx, source: string, bodyHash: string, deliveryId: string): Promise<{ deliveryId: string; at: string } | undefined> {
  await tx.query('DELETE FROM webhook_body_hashes WHERE received_at < now() - make_interval(hours => $1)', [SIGNED_BODY_WINDOW_HOURS]);
  const claimed = await tx.query(
    `INSERT INTO webhook_body_hashes (source, body_hash, delivery_id) VALUES ($1, $2, $3)
     ON CONFLICT (source, body_hash) DO UPDATE SET delivery_id = EXCLUDED.delivery_id, received_at = now()
       WHERE webhook_body_hashes.received_at < now() - make_interval(hours => $4)
     RETURNING 1`,
    [source, bodyHash, deliveryId, SIGNED_BODY_WINDOW_HOURS],
  );
  if (claimed.rowCount === 1) return undefined;
  const { rows } = await tx.query<{ delivery_id: string; at: string }>(
    `SELECT delivery_id, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM webhook_body_hashes WHERE source = $1 AND body_hash = $2`,
    [source, bodyHash],
  );
  const earlier = rows[0];
  return earlier && earlier.delivery_id !== deliveryId ? { deliveryId: earlier.delivery_id, at: earlier.at } : undefined;
}
