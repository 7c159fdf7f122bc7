-- Change-event subscriptions (issue 16): webhooks that receive a pool's change events (the
-- user_history feed of V10) signed with their secret, at least once and in order per user.
--
-- cursor_tx / cursor_id: the subscription's place in the feed (the (tx, id) of the last entry
-- turned into deliveries), moved in the same transaction as the deliveries it makes, under the
-- row's lock, so any number of dispatchers never make a delivery twice nor skip an entry.
-- secret_enc: the signing secret sealed with the key-encryption key ring (common/SecretBox),
-- bound to the subscription id; never answered back.
CREATE TABLE event_subscriptions (
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    id                 TEXT        NOT NULL,
    url                TEXT        NOT NULL,
    event_types        TEXT[]      NOT NULL,
    secret_enc         BYTEA       NOT NULL,
    cursor_tx          XID8        NOT NULL,
    cursor_id          BIGINT      NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pool_id, id)
);
CREATE UNIQUE INDEX event_subscriptions_id ON event_subscriptions (id);

-- One event to send to one subscription. The body is built from the history entry when sent
-- (no second copy of attribute values at rest). The row is deleted once the endpoint answered
-- 2xx. A delivery waits while an earlier change of the same user for the same subscription is
-- still here (due, in flight or parked), so one user's events arrive in order. After the
-- configured attempts the row is parked: no longer tried, shown to the admin, and it keeps
-- holding that user's later events until the admin asks to retry it.
CREATE TABLE event_deliveries (
    pool_id            TEXT        NOT NULL,
    subscription_id    TEXT        NOT NULL,
    entry_id           BIGINT      NOT NULL,
    sub                UUID        NOT NULL,
    version            BIGINT      NOT NULL,
    parked             BOOLEAN     NOT NULL DEFAULT FALSE,
    attempts           INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMPTZ NOT NULL,
    last_error         TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subscription_id, entry_id),
    FOREIGN KEY (pool_id, subscription_id) REFERENCES event_subscriptions (pool_id, id) ON DELETE CASCADE
);
CREATE INDEX event_deliveries_user ON event_deliveries (subscription_id, sub, version);
CREATE INDEX event_deliveries_due ON event_deliveries (next_attempt_at) WHERE NOT parked;
